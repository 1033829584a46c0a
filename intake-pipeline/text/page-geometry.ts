/**
 * How text lies on a grey page, from its dark pixels alone: the tilt of its lines (a page photographed
 * or fed askew) and the distance between them (how large the print is in pixels). Projection
 * profiles: project the ink onto a line at each candidate angle; where the lines of text run along
 * the projection, the profile has sharp peaks (rows of ink) and empty valleys (the gaps between
 * lines), and its sum of squares is largest. No library does this for Node without OpenCV.
 */

export interface GreyPage {
  /** One byte per pixel, rows top to bottom. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface PageGeometry {
  /** Degrees the lines are turned clockwise; turning the page by minus this straightens them. */
  skew: number;
  /** Pixels from one line of text to the next, or undefined when no regular lines were found. */
  linePitch: number | undefined;
}

/** Tilts a page may have (phone photos, crooked feeds); beyond this, orientation probing takes over. */
const MAX_SKEW_DEGREES = 15;
const COARSE_STEP = 1;
const FINE_STEP = 0.1;
/** At most this many ink points are projected: plenty for the peaks, quick at any page size. */
const MAX_POINTS = 60_000;
/** Text is a minority of a page's pixels; beyond this share the dark pixels are something else. */
const MAX_INK_SHARE = 0.4;
/** How alike the profile must be to itself one line further on to call the lines regular. */
const MIN_PITCH_CORRELATION = 0.15;

/** Ink: pixels darker than Otsu's threshold between ink and paper. */
function inkThreshold(page: GreyPage): number {
  const histogram = new Array<number>(256).fill(0);
  for (let i = 0; i < page.data.length; i += 7) histogram[page.data[i]!]!++;
  const total = histogram.reduce((a, b) => a + b, 0);
  const sumAll = histogram.reduce((sum, count, value) => sum + count * value, 0);
  let best = 128;
  let bestVariance = -1;
  let weightDark = 0;
  let sumDark = 0;
  for (let t = 0; t < 256; t++) {
    weightDark += histogram[t]!;
    if (weightDark === 0) continue;
    const weightLight = total - weightDark;
    if (weightLight === 0) break;
    sumDark += t * histogram[t]!;
    const meanDark = sumDark / weightDark;
    const meanLight = (sumAll - sumDark) / weightLight;
    const variance = weightDark * weightLight * (meanDark - meanLight) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/**
 * Ink lies on paper: a dark pixel counts only with paper (a pixel above the threshold) within
 * INK_REACH of it on both sides of its row. A phone photo's dark desk around the page is then no
 * ink, and its edges no line of text; a character's stroke is much narrower than the reach.
 */
function inkReach(width: number): number {
  return Math.max(8, Math.round(width / 80));
}

function inkPoints(page: GreyPage): { xs: Float64Array; ys: Float64Array; share: number } {
  const threshold = inkThreshold(page);
  const { data, width, height } = page;
  const reach = inkReach(width);
  const nextPaper = new Int32Array(width);
  const inkX: number[] = [];
  const inkY: number[] = [];
  let looked = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let next = Number.MAX_SAFE_INTEGER;
    for (let x = width - 1; x >= 0; x--) {
      if (data[row + x]! > threshold) next = x;
      nextPaper[x] = next;
    }
    let lastPaper = -Number.MAX_SAFE_INTEGER;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! > threshold) {
        lastPaper = x;
        continue;
      }
      // Every other column (every row, so the profile has no empty rows): the lines show as well, at half the reading.
      if (x % 2 !== 0 || x - lastPaper > reach || nextPaper[x]! - x > reach) continue;
      inkX.push(x);
      inkY.push(y);
    }
    looked += Math.ceil(width / 2);
  }
  // Sample every n-th ink pixel so that about MAX_POINTS remain.
  const every = Math.max(1, Math.ceil(inkX.length / MAX_POINTS));
  const count = Math.ceil(inkX.length / every);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let i = 0, j = 0; i < inkX.length; i += every, j++) {
    xs[j] = inkX[i]!;
    ys[j] = inkY[i]!;
  }
  return { xs, ys, share: inkX.length / Math.max(1, looked) };
}

/** The profile of the ink across lines running at `degrees`: one bin per pixel row. */
function profile(xs: Float64Array, ys: Float64Array, degrees: number, span: number): Float64Array {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const bins = new Float64Array(2 * span + 1);
  for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i]! * cos - xs[i]! * sin) + span]! += 1;
  return bins;
}

const sharpness = (bins: Float64Array) => bins.reduce((sum, count) => sum + count * count, 0);

function bestAngle(xs: Float64Array, ys: Float64Array, span: number, from: number, to: number, step: number): number {
  let best = 0;
  let bestScore = -1;
  for (let degrees = from; degrees <= to + 1e-9; degrees += step) {
    const score = sharpness(profile(xs, ys, degrees, span));
    if (score > bestScore) {
      bestScore = score;
      best = degrees;
    }
  }
  return Math.round(best * 10) / 10;
}

/**
 * The distance between lines: the strongest repeat in the profile (autocorrelation) beyond the
 * first trough, since near lags correlate merely because a line of ink is thick. Undefined when
 * the page has no regular lines.
 */
function pitchOf(bins: Float64Array): number | undefined {
  const mean = bins.reduce((a, b) => a + b, 0) / bins.length;
  const centred = bins.map((v) => v - mean);
  const energy = centred.reduce((sum, v) => sum + v * v, 0);
  if (energy === 0) return undefined;
  const correlation = (lag: number) => {
    let sum = 0;
    for (let i = 0; i + lag < centred.length; i++) sum += centred[i]! * centred[i + lag]!;
    return sum / energy;
  };
  // Lines further than 400 px apart are not lines of text.
  const maxLag = Math.min(400, Math.floor(bins.length / 3));
  let lag = 1;
  while (lag <= maxLag && correlation(lag) > 0) lag++;
  let best: number | undefined;
  let bestCorrelation = MIN_PITCH_CORRELATION;
  for (; lag <= maxLag; lag++) {
    const c = correlation(lag);
    if (c > bestCorrelation) {
      bestCorrelation = c;
      best = lag;
    }
  }
  return best;
}

/** The tilt and line spacing of the text on a grey page. */
export function pageGeometry(page: GreyPage): PageGeometry {
  const { xs, ys, share } = inkPoints(page);
  // Too little ink to have lines, or so much that "ink" is a dark background or a photo: nothing to measure.
  if (xs.length < 200 || share > MAX_INK_SHARE) return { skew: 0, linePitch: undefined };
  const span = Math.ceil(Math.hypot(page.width, page.height));
  const coarse = bestAngle(xs, ys, span, -MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, COARSE_STEP);
  const skew = bestAngle(xs, ys, span, coarse - COARSE_STEP, coarse + COARSE_STEP, FINE_STEP);
  return { skew, linePitch: pitchOf(profile(xs, ys, skew, span)) };
}
