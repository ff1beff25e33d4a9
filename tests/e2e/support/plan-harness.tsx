/**
 * A page with the page plan alone (bundled by tests/e2e/page-plan.test.ts):
 * `window.__plan(pages)` shows it over page summaries and keeps their order
 * as a session would — `onMove` applies the move to the list (and records
 * it), `onOpen` records the folio and makes that page the active one.
 */
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { PagePlanPanel } from '../../../renderer/panels/plan/PagePlanPanel';
import type { PlanPageSummary } from '../../../renderer/panels/plan/PagePlanPanel';

interface Harness {
  __plan(pages: PlanPageSummary[]): void;
  __moves: [number, number][];
  __opened: number[];
}
const w = window as unknown as Harness;
w.__moves = [];
w.__opened = [];

function Plan({ initial }: { initial: PlanPageSummary[] }) {
  const [pages, setPages] = useState(initial);
  const [active, setActive] = useState(1);
  return (
    <PagePlanPanel
      pages={pages}
      active={active}
      onMove={(from, to) => {
        w.__moves.push([from, to]);
        setPages((list) => {
          const next = [...list];
          const [moved] = next.splice(from - 1, 1);
          next.splice(to - 1, 0, moved!);
          return next;
        });
      }}
      onOpen={(folio) => {
        w.__opened.push(folio);
        setActive(folio);
      }}
    />
  );
}

const root = createRoot(document.getElementById('root')!);
w.__plan = (pages) => root.render(<Plan initial={pages} />);
document.documentElement.dataset['ready'] = 'true';
