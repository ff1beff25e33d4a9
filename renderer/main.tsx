import 'prosemirror-view/style/prosemirror.css';
import './fonts';
import './typesetting/composition.css';
import './editor/page.css';
import './app/shell.css';
import { createRoot } from 'react-dom/client';
import { PRINT_QUERY } from '../shared/host/web-protocol';
import { AppController } from './app/app-controller';
import { App } from './app/App';
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
  const app = new AppController(host);
  createRoot(root).render(<App app={app} />);
}
