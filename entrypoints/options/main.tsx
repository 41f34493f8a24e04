import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ClientContext } from '@/components/client-context';
import { runtimeClient } from '@/lib/messaging/client';
import { App } from './App';
import '@/components/base.css';
import '../transfer/transfer.css';

const client = runtimeClient((message) => browser.runtime.sendMessage(message));
const root = document.getElementById('root');
if (root) {
  render(
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>,
    root,
  );
}
