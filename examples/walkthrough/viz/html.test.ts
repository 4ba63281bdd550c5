import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64, escapeHtml, htmlPage, pngDataUri } from './html.ts';

// The 8-byte PNG signature: enough to check what is embedded, not a whole image.
const PNG_SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('base64', () => {
  it('matches Node for every padding case and for bytes above 127', () => {
    for (const bytes of [[], [104], [104, 105], [104, 105, 33], [0, 255, 128, 7, 200], [...PNG_SIGNATURE]]) {
      const data = new Uint8Array(bytes);
      assert.equal(base64(data), Buffer.from(data).toString('base64'), `bytes ${bytes}`);
    }
  });

  it('matches Node on a buffer longer than one join chunk', () => {
    const data = new Uint8Array(20_000).map((_, i) => (i * 31) % 256);
    assert.equal(base64(data), Buffer.from(data).toString('base64'));
  });

  it('makes a PNG data URI', () => {
    assert.equal(pngDataUri(Buffer.from(PNG_SIGNATURE)), 'data:image/png;base64,iVBORw0KGgo=');
  });
});

describe('htmlPage', () => {
  it('shows every figure with its caption, in order', () => {
    const html = htmlPage({
      title: 'augkit demo',
      sections: [
        {
          heading: 'Affine',
          figures: [
            { src: 'affine-scale.png', caption: 'scale 2' },
            { src: 'affine-translate.png', caption: 'translatePx 10', alt: 'shifted shirt' },
          ],
        },
        { heading: 'Blur', text: 'One.\n\nTwo.', figures: [{ png: PNG_SIGNATURE, caption: 'GaussianBlur sigma 1' }] },
      ],
    });
    const figures = [...html.matchAll(/<figure><img src="([^"]*)" alt="([^"]*)"><figcaption>([^<]*)<\/figcaption>/g)];
    assert.deepEqual(
      figures.map((m) => [m[1], m[2], m[3]]),
      [
        ['affine-scale.png', 'scale 2', 'scale 2'],
        ['affine-translate.png', 'shifted shirt', 'translatePx 10'],
        ['data:image/png;base64,iVBORw0KGgo=', 'GaussianBlur sigma 1', 'GaussianBlur sigma 1'],
      ],
    );
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<title>augkit demo<\/title>/);
    assert.match(html, /<h2>Blur<\/h2>\n<p>One\.<\/p>\n<p>Two\.<\/p>/);
    assert.match(html, /<\/html>\n$/);
  });

  it('escapes every piece of text, so a <script> in a caption stays text', () => {
    const evil = '<script>alert("x")</script>';
    const html = htmlPage({
      title: `T ${evil}`,
      intro: evil,
      sections: [
        {
          heading: evil,
          text: evil,
          figures: [{ src: 'a.png?x="><script>', caption: evil, alt: evil }],
          table: { columns: [evil], rows: [[evil]], caption: evil },
        },
      ],
    });
    assert.doesNotMatch(html, /<script/i);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
    // title ×2 (title, h1), intro, heading, text, caption, alt, column, cell, table caption.
    assert.equal(html.split(escaped).length - 1, 10);
    assert.match(html, /src="a\.png\?x=&quot;&gt;&lt;script&gt;"/);
  });

  it('renders a table with numbers right-aligned', () => {
    const html = htmlPage({
      title: 't',
      sections: [{ heading: 'Accuracy', table: { columns: ['shift', 'model'], rows: [[-5, 'plain']] } }],
    });
    assert.match(html, /<tr><th>shift<\/th><th>model<\/th><\/tr>/);
    assert.match(html, /<tr><td class="num">-5<\/td><td>plain<\/td><\/tr>/);
  });

  it('embeds PNG bytes and refuses linked files when embed is true', () => {
    const html = htmlPage({
      title: 't',
      embed: true,
      sections: [{ heading: 'h', figures: [{ png: PNG_SIGNATURE, caption: 'c' }] }],
    });
    assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo="/);
    assert.throws(
      () =>
        htmlPage({ title: 't', embed: true, sections: [{ heading: 'h', figures: [{ src: 'a.png', caption: 'c' }] }] }),
      /htmlPage: sections\[0\]\.figures\[0\]\.src must be embedded \(png or dataUri\) when embed is true; received "a\.png"/,
    );
  });

  it('rejects figures without exactly one source and script URLs', () => {
    const page = (figure: object) => ({ title: 't', sections: [{ heading: 'h', figures: [figure as never] }] });
    assert.throws(() => htmlPage(page({ caption: 'c' })), /figures\[0\] must be a figure with exactly one of src/);
    assert.throws(
      () => htmlPage(page({ caption: 'c', src: 'a.png', png: PNG_SIGNATURE })),
      /exactly one of src, dataUri or png; received "src, png"/,
    );
    assert.throws(
      () => htmlPage(page({ caption: 'c', src: 'javascript:alert(1)' })),
      /figures\[0\]\.src must be a relative path/,
    );
    assert.throws(
      () => htmlPage(page({ caption: 'c', dataUri: 'data:text/html,<b>' })),
      /dataUri must be a data:image\/ URI/,
    );
    assert.throws(() => htmlPage(page({ src: 'a.png' })), /figures\[0\]\.caption must be a string; received undefined/);
  });
});
