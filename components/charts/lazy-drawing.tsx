"use client";

import { lazy, Suspense, useSyncExternalStore, type ComponentType } from "react";

const onLoad = (notify: () => void) => {
  window.addEventListener("load", notify);
  return () => window.removeEventListener("load", notify);
};

/** True once the window's load event has fired; false on the server and during hydration. */
export function usePageLoaded(): boolean {
  return useSyncExternalStore(
    onLoad,
    () => document.readyState === "complete",
    () => false,
  );
}

const Pending = () => <div className="h-full animate-pulse rounded bg-slate-50" />;

/**
 * A chart's drawing (Recharts, the heaviest script of a page) fetched only after the page has
 * loaded: the chart's frame, title and text summary paint at once, the drawing follows. Keeps
 * Recharts out of every page's first-load JavaScript (quality.md's 250 kB budget).
 */
export function lazyDrawing<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const Drawing = lazy(load);
  function LazyDrawing(props: P) {
    const loaded = usePageLoaded();
    if (!loaded) return <Pending />;
    return (
      <Suspense fallback={<Pending />}>
        <Drawing {...props} />
      </Suspense>
    );
  }
  return LazyDrawing;
}

/**
 * A whole chart (frame and drawing) fetched after the page has loaded, for charts whose frame
 * lives beside its drawing; `height` is the room it keeps meanwhile so nothing jumps.
 */
export function lazyChart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  height: number,
): ComponentType<P> {
  const Chart = lazy(() => load().then((C) => ({ default: C })));
  const Waiting = () => (
    <div
      style={{ height }}
      className="animate-pulse rounded-lg border border-slate-200 bg-white shadow-xs"
    />
  );
  function LazyChart(props: P) {
    const loaded = usePageLoaded();
    if (!loaded) return <Waiting />;
    return (
      <Suspense fallback={<Waiting />}>
        <Chart {...props} />
      </Suspense>
    );
  }
  return LazyChart;
}
