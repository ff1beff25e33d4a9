import 'prosemirror-view/style/prosemirror.css';
import './fonts';
import './typesetting/composition.css';
import './editor/page.css';
import './app/shell.css';
import './app/controls.css';
import { PRINT_QUERY } from '../shared/host/web-protocol';
import { pickHost } from './host/pick-host';
import { language } from './i18n/i18n';
import { runPrintMode } from './print/print-mode';

const host = pickHost();
const root = document.getElementById('root')!;
const printHandle = new URLSearchParams(window.location.search).get(PRINT_QUERY);
document.documentElement.lang = language();

if (printHandle) {
  void runPrintMode(host, printHandle, root);
} else {
  // The editor's UI (React and the app) is its own chunk: print mode, which
  // every export loads, does not parse it.
  void Promise.all([import('react-dom/client'), import('./app/app-controller'), import('./app/App')]).then(([{ createRoot }, { AppController }, { App }]) => {
    const app = new AppController(host);
    createRoot(root).render(<App app={app} />);
  });
}
