import { useCallback, useRef, useState } from 'react';

/**
 * The height an element is given by its flex parent (the panel less its notices), kept current as it
 * changes; `fallback` (the panel's height) until it is laid out, where nothing is (jsdom), and whenever the
 * two agree, so that the common case renders once and forces no layout. Give the element the returned ref.
 */
export function useBoxHeight<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [measured, setMeasured] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (el && typeof ResizeObserver !== 'undefined') {
        observer.current = new ResizeObserver(() => {
          const h = el.clientHeight;
          setMeasured(h > 0 && h !== fallback ? h : null);
        });
        observer.current.observe(el);
      }
    },
    [fallback]
  );
  return [ref, measured ?? fallback];
}
