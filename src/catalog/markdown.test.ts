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
});
