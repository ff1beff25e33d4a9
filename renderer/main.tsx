import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>版面</p>);
