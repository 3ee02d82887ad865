// The overflow check of the panels' browser test: text that does not fit is cut with an ellipsis and its whole
// words are in a title, or it can be scrolled to; it never spills out of its box or is clipped silently.
import type { Page } from 'playwright-core';

/**
 * Every run of text in `selector`'s elements (the gallery's panels) that is clipped by a box that neither
 * scrolls nor ellipsises it with a title, or that spills out of its own block, named with its panel.
 */
export function overflowingText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const slack = 1;
    const clips = (v: string) => v !== 'visible';
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';
    const block = (d: string) => !d.startsWith('inline') && d !== 'contents';
    for (const panel of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const id = panel.getAttribute('data-panel') ?? sel;
      const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const el = node.parentElement;
        if (!text || !el) {
          continue;
        }
        // Read by screen readers only (visually hidden), or not drawn.
        const hidden = (e: HTMLElement) => {
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return s.display === 'none' || s.visibility === 'hidden' || (s.position === 'absolute' && r.width <= 1);
        };
        let skip = false;
        for (let e: HTMLElement | null = el; e && e !== panel; e = e.parentElement) {
          if (hidden(e)) {
            skip = true;
            break;
          }
        }
        if (skip) {
          continue;
        }
        const range = document.createRange();
        range.selectNodeContents(node);
        const t = range.getBoundingClientRect();
        if (t.width === 0 && t.height === 0) {
          continue;
        }
        const what = `${id}: "${text.slice(0, 40)}"`;
        // Its own block: the text stays inside it (a value spilling out of its card).
        let own: HTMLElement = el;
        while (own !== panel && !block(getComputedStyle(own).display)) {
          own = own.parentElement!;
        }
        const ob = own.getBoundingClientRect();
        const ownStyle = getComputedStyle(own);
        if (
          !clips(ownStyle.overflowX) &&
          (t.right > ob.right + slack || t.left < ob.left - slack) &&
          own.scrollWidth > own.clientWidth + slack
        ) {
          out.push(`${what} spills out of its box (${Math.round(t.width)} px in ${Math.round(ob.width)} px)`);
          continue;
        }
        // Each box that clips it on the way up to the panel: the text is inside it, can be scrolled to, or
        // is ellipsised with a title.
        for (let e: HTMLElement | null = el; e; e = e === panel ? null : e.parentElement) {
          const s = getComputedStyle(e);
          if (!clips(s.overflowX) && !clips(s.overflowY)) {
            continue;
          }
          const r = e.getBoundingClientRect();
          const left = r.left + e.clientLeft;
          const top = r.top + e.clientTop;
          const cutX = clips(s.overflowX) && (t.right > left + e.clientWidth + slack || t.left < left - slack);
          const cutY = clips(s.overflowY) && (t.bottom > top + e.clientHeight + slack || t.top < top - slack);
          const ellipsis =
            getComputedStyle(el).textOverflow === 'ellipsis' || getComputedStyle(e).textOverflow === 'ellipsis';
          const titled = !!el.closest('[title]');
          if ((cutX && !scrolls(s.overflowX) && !(ellipsis && titled)) || (cutY && !scrolls(s.overflowY))) {
            out.push(
              `${what} is cut ${cutX ? 'across' : 'below'} by <${e.tagName.toLowerCase()} class="${e.className}">` +
                `${cutX && ellipsis && !titled ? ' (an ellipsis without a title)' : ''}`
            );
            break;
          }
          if ((cutX && scrolls(s.overflowX)) || (cutY && scrolls(s.overflowY))) {
            break; // it scrolls into view within this box
          }
        }
      }
    }
    return out;
  }, selector);
}
