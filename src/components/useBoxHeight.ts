import { useCallback, useEffect, useState } from 'react';

/**
 * The height an element is given by its flex parent (the panel less its notices), kept current as it
 * changes; `fallback` until it is laid out (and where nothing is, as under jsdom). Give the element the
 * returned ref (a callback: the element may mount after the panel's first render).
 */
export function useBoxHeight<T extends HTMLElement>(fallback: number): [(el: T | null) => void, number] {
  const [element, setElement] = useState<T | null>(null);
  const [height, setHeight] = useState(0);
  const ref = useCallback((el: T | null) => {
    setElement(el);
    if (el) {
      setHeight(el.clientHeight);
    }
  }, []);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [ref, height > 0 ? height : fallback];
}
