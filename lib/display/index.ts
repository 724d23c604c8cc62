// Re-exports only (STYLE rule 11).
export * from "./types.js";
export * from "./figure.js";
export { niceTicks, logTicks, formatTick } from "./ticks.js";
export { COLORWAY, colorAt } from "./colors.js";
export { histogramBins } from "./histogram.js";
export { renderSvg } from "./render-svg.js";
export { resolveFigure } from "./resolve.js";
export { toPlotly } from "./to-plotly.js";
export { svgToPng, fontFiles } from "./raster.js";
export { encodePng, decodePng, pngDataUri } from "./png.js";
export { figureHtml, libraryCarrier, type PlotlySession, type LibraryMode } from "./plotly-html.js";
