// Element Timing (https://wicg.github.io/element-timing/): an element marked `elementtiming="<name>"` reports when
// it was painted to PerformanceObservers of type "element" (bench/catalog-paint.ts reads the catalog's cards).
import 'react';

declare module 'react' {
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
