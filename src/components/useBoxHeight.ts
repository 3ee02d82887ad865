import { useCallback, useEffect, useState } from 'react';

/**
 * The height an element is given by its flex parent (the panel less its notices), kept current as it
 * changes; `fallback` (the panel's height) until it is laid out, where nothing is (jsdom), and whenever the
 * two agree, so that the common case renders once and forces no layout. Give the element the returned ref.
 */
export function useBoxHeight<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [element, setElement] = useState<T | null>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const ref = useCallback((el: T | null) => setElement(el), []);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => {
      const h = element.clientHeight;
      setMeasured(h > 0 && h !== fallback ? h : null);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, fallback]);
  return [ref, measured ?? fallback];
}
