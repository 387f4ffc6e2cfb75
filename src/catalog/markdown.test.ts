import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('lesson Markdown', () => {
  it('renders headings, emphasis, lists, code and links', () => {
    const html = renderMarkdown(
      '# Payroll\n\nPay **on time**, *every* time: `net = gross - tax`.\n\n- one\n- two\n\n1. first\n\n[Guide](https://example.org/guide)',
    );
    expect(html).toContain('<h1>Payroll</h1>');
    expect(html).toContain('<strong>on time</strong>');
    expect(html).toContain('<em>every</em>');
    expect(html).toContain('<code>net = gross - tax</code>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>first</li></ol>');
    expect(html).toContain('<a href="https://example.org/guide" rel="nofollow noopener">Guide</a>');
  });

  it('strips scripts and iframes with their content', () => {
    const html = renderMarkdown(
      'Hello <script>alert(1)</script> there\n\n<iframe src="https://evil.example"></iframe>\n\n<SCRIPT src=x>steal()</SCRIPT >',
    );
    expect(html).not.toMatch(/<script|<iframe|alert|steal|evil/i);
    expect(html).toContain('Hello');
  });

  it('strips tags reassembled from fragments and unclosed scripts', () => {
    const html = renderMarkdown('a <scr<script>x</script>ipt>alert(2)</script> b\n\n<script>never closed');
    expect(html).not.toMatch(/<script|never closed/i);
  });

  it('keeps no on* attributes or other raw HTML', () => {
    const html = renderMarkdown(
      '<img src=x onerror="alert(1)"> <a href="#" onclick="x()">hi</a> <b>bold</b>',
    );
    expect(html).not.toMatch(/onerror|onclick|<img|<b>/i);
    expect(html).toContain('hi');
  });

  it('drops javascript:, data: and vbscript: link targets, however they are disguised', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
    ]) {
      const html = renderMarkdown(`[click](${target}) ![pic](${target})`);
      expect(html, target).not.toMatch(/href|src=/);
      expect(html).toContain('click');
    }
  });

  it('escapes text so that it cannot become markup', () => {
    expect(renderMarkdown('5 < 6 & "quotes" > 4')).toBe('<p>5 &lt; 6 &amp; &quot;quotes&quot; &gt; 4</p>');
    expect(renderMarkdown('[x](https://a.example/"onmouseover="alert(1))')).not.toContain('"onmouseover');
  });

  it('keeps code blocks verbatim but escaped', () => {
    expect(renderMarkdown('```\n<b>x</b>\n```')).toBe('<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>');
  });

  it('renders GFM tables with their alignment, inside a scroll region', () => {
    const html = renderMarkdown(
      '| Employee | Net pay |\n| :------- | ------: |\n| Ana | **2,400** |\n| Ben | 2,050 |',
    );
    expect(html).toBe(
      '<div class="table-wrap" tabindex="0"><table><thead><tr><th style="text-align:left">Employee</th>' +
        '<th style="text-align:right">Net pay</th></tr></thead><tbody>' +
        '<tr><td style="text-align:left">Ana</td><td style="text-align:right"><strong>2,400</strong></td></tr>' +
        '<tr><td style="text-align:left">Ben</td><td style="text-align:right">2,050</td></tr></tbody></table></div>',
    );
  });

  it('keeps table cells as safe as any other text', () => {
    const html = renderMarkdown(
      '| a | b |\n| - | - |\n| <script>alert(1)</script>x | [y](javascript:alert(1)) |\n| <img src=x onerror=alert(1)> | z |',
    );
    expect(html).toContain('<td>x</td>');
    expect(html).not.toMatch(/<script|<img|onerror=|href/i);
  });

  it('renders CommonMark beyond the old subset: nested lists, numbered starts, hard breaks, strikethrough', () => {
    const html = renderMarkdown('3. three\n   - nested\n4. four\n\nline  \nbreak ~~old~~');
    expect(html).toContain('<ol start="3"><li>three<ul><li>nested</li></ul></li><li>four</li></ol>');
    expect(html).toContain('<p>line<br>\nbreak <s>old</s></p>');
  });

  it('shows uploaded lesson images only, with their alt text', () => {
    const upload = '/course-images/0b9c3c1e-1b2a-4c1e-9a7e-3f0a1b2c3d4e.png';
    expect(renderMarkdown(`![Payroll cycle](${upload})`)).toBe(
      `<p><img src="${upload}" alt="Payroll cycle"></p>`,
    );
    expect(renderMarkdown(`![](${upload})`)).toBe(`<p><img src="${upload}" alt=""></p>`);
    expect(renderMarkdown(`![Gross \\[before\\] *net* <b>x</b>](${upload})`)).toContain(
      'alt="Gross [before] net x"',
    );
    for (const elsewhere of [
      'https://tracker.example/pixel.png',
      '/api/v1/me.png',
      '/course-images/../api/v1/x.png',
      'data:image/png;base64,AAAA',
    ]) {
      const html = renderMarkdown(`![Cycle](${elsewhere})`);
      expect(html, elsewhere).not.toMatch(/<img|src=/);
      expect(html, elsewhere).toContain('Cycle');
    }
    expect(renderMarkdown('![x](//tracker.example/p.png)')).not.toMatch(/<img|src=/);
  });

  it('marks every link nofollow noopener and refuses protocol-relative ones', () => {
    expect(renderMarkdown('[next](/learn/2) [mail](mailto:help@example.org)')).toBe(
      '<p><a href="/learn/2" rel="nofollow noopener">next</a> <a href="mailto:help@example.org" rel="nofollow noopener">mail</a></p>',
    );
    expect(renderMarkdown('[away](//evil.example/x)')).not.toContain('href');
    expect(renderMarkdown('[a][r] <javascript:alert(1)>\n\n[r]: javascript:alert(1)')).not.toContain('href');
    expect(renderMarkdown('[t](https://a.example "<b>title</b>")')).toContain(
      'title="&lt;b&gt;title&lt;/b&gt;"',
    );
  });

  it('drops raw HTML blocks, comments and SVG, keeping only their text', () => {
    const html = renderMarkdown(
      '<div onclick="x()">kept text</div>\n\n<svg><script>alert(1)</script></svg>\n\na <!-- hidden --> b <svg/onload=alert(2)> c\n\n<style>p{}</style>\n\nafter',
    );
    expect(html).toContain('<p>kept text</p>');
    expect(html).toContain('after');
    expect(html).not.toMatch(/onclick|<div|<svg|<style|alert\(1\)|hidden|<p><\/p>/);
  });
});
