// The public profile page's own stylesheet and its one script (served from here: the page's policy allows
// styles and scripts from this server only). The script only adds a "Copy link" button; without it the link
// stays in a field to select, and every other share works as a plain link.
export const PROFILE_PAGE_CSS = `main.profile{max-width:68rem}
.profile-hero{display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap;background:#fff;border:1px solid #d0d7de;border-radius:.75rem;padding:1.5rem;margin:1rem 0}
.profile-hero h1{font-size:2rem;margin:0;overflow-wrap:anywhere}
.profile-hero .headline{font-size:1.15rem;color:#424a53;margin:.25rem 0 0;overflow-wrap:anywhere;white-space:pre-wrap}
.profile-hero .who{flex:1 1 11rem;min-width:0}
.profile-hero .stats{margin:.5rem 0 0;color:#424a53;font-size:.95rem}
.avatar{flex:none;width:8rem;height:8rem;border-radius:50%;object-fit:cover;background:#eaeef2}
.initials{display:flex;align-items:center;justify-content:center;color:#fff;font-size:2.75rem;font-weight:700;letter-spacing:.02em;user-select:none}
.tone-0{background:#0550ae}.tone-1{background:#116329}.tone-2{background:#8250df}.tone-3{background:#a40e26}
.tone-4{background:#6639ba}.tone-5{background:#0a3069}.tone-6{background:#953800}.tone-7{background:#1b7c83}
.profile-layout{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:1.5rem;align-items:start}
.profile-layout>aside{position:sticky;top:1rem}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 1.5rem}
.panel h2{font-size:1.2rem;margin:0 0 .5rem}
.panel .note{color:#424a53;font-size:.9rem;margin:.5rem 0 0}
.share-link label{font-weight:600;display:block;margin-bottom:.25rem}
.share-link input{width:100%;font:inherit;font-size:.9rem;padding:.45rem .5rem;border:1px solid #6e7781;border-radius:.375rem;background:#f6f8fa;color:#1b1f24}
.share-actions{list-style:none;padding:0;margin:.75rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem}
.share-actions a,.share-actions button,.download{display:inline-block;font:inherit;font-size:.95rem;font-weight:600;padding:.45rem .9rem;border-radius:.375rem;border:1px solid #0550ae;background:#fff;color:#0550ae;text-decoration:none;cursor:pointer}
.share-actions a:hover,.share-actions button:hover,.download:hover{background:#ddf4ff}
.download{background:#0550ae;color:#fff}
.download:hover{background:#0a3069;color:#fff}
.copied{color:#116329;font-size:.9rem;margin:.25rem 0 0}
.skill-list{list-style:none;padding:0;margin:0}
.skill-list li{padding:.6rem 0;border-top:1px solid #eaeef2;overflow-wrap:anywhere}
.skill-list li:first-child{border-top:0}
.skill-name{font-weight:600}
.framework{display:inline-block;margin-left:.4rem;padding:0 .45rem;border-radius:1rem;background:#ddf4ff;color:#0a3069;font-size:.8rem;font-weight:600;vertical-align:middle}
.evidence{display:block;color:#424a53;font-size:.9rem}
.badge-wall{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:1rem}
.badge-tile{background:#fff;border:1px solid #d0d7de;border-radius:.75rem;overflow-wrap:anywhere}
.badge-tile a{display:flex;flex-direction:column;align-items:center;text-align:center;gap:.35rem;padding:1rem;color:inherit;text-decoration:none;height:100%;border-radius:.75rem}
.badge-tile a:hover{background:#f6f8fa}
.badge-tile img{width:112px;height:112px;object-fit:contain}
.badge-tile .name{font-weight:600;color:#0550ae;text-decoration:underline}
.badge-tile .issuer,.badge-tile .date{color:#424a53;font-size:.875rem}
.section-title{font-size:1.35rem;margin:0 0 .75rem}
.section{margin:0 0 2rem}
@media (max-width:56rem){.profile-layout{grid-template-columns:minmax(0,1fr)}.profile-layout>aside{position:static}}
@media (max-width:30rem){.profile-hero{padding:1rem;gap:1rem}.avatar{width:5.5rem;height:5.5rem}.initials{font-size:1.9rem}.profile-hero h1{font-size:1.6rem}.badge-wall{grid-template-columns:repeat(auto-fill,minmax(9rem,1fr))}.badge-tile img{width:88px;height:88px}}
`;

export const PROFILE_PAGE_JS = `(function(){
  var button=document.getElementById('copy-link');
  var field=document.getElementById('profile-link');
  var done=document.getElementById('copied');
  if(!button||!field||!navigator.clipboard)return;
  button.hidden=false;
  button.addEventListener('click',function(){
    navigator.clipboard.writeText(field.value).then(function(){done.textContent=button.getAttribute('data-done');});
  });
})();
`;
