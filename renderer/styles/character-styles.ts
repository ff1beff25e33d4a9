/**
 * Character styles on the page element: `data-strong-face`, `data-dots-weight`
 * and the like, which styles.css turns into the look of every `strong`
 * (强调) and `em.bm-dots` (着重号) run. Being page attributes, a change
 * restyles every run at once without touching the runs.
 */
import { characterStyleFor, styleSheetOf } from '../../shared/model/styles';
import type { PageSettings } from '../../shared/page/settings';

const PREFIX = { strong: 'strong', emphasis_dots: 'dots' } as const;

/** The weights styles.css has rules for; others are set at the nearest. */
const WEIGHTS = [400, 700, 900];

function nearestWeight(w: number): number {
  return WEIGHTS.reduce((best, x) => (Math.abs(x - w) < Math.abs(best - w) ? x : best));
}

/** Attributes of the page element for its character styles. */
export function characterStyleAttributes(settings: PageSettings): Record<string, string> {
  const sheet = styleSheetOf(settings);
  const out: Record<string, string> = {};
  for (const mark of ['strong', 'emphasis_dots'] as const) {
    const style = characterStyleFor(sheet, mark);
    if (!style) continue;
    if (style.face) out[`data-${PREFIX[mark]}-face`] = style.face;
    if (style.weight !== null) out[`data-${PREFIX[mark]}-weight`] = String(nearestWeight(style.weight));
  }
  return out;
}
