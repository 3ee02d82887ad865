// jsdom has no IntersectionObserver, which @grafana/ui's Select menu uses for its scroll shadows. Browsers
// have one; here it observes nothing, so the menu simply shows no shadows.
class NoIntersections {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

if (typeof window !== 'undefined' && !('IntersectionObserver' in window)) {
  Object.assign(window, { IntersectionObserver: NoIntersections });
}

// jsdom draws nothing on a canvas; Combobox measures its options' text on one. Give every character 7 px.
if (typeof HTMLCanvasElement !== 'undefined') {
  const context = { font: '', measureText: (text: string) => ({ width: text.length * 7 }) };
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as HTMLCanvasElement['getContext'];
}
