import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ClientContext } from '@/components/client-context';
import { prepareLanguage } from '@/lib/i18n';
import { runtimeClient } from '@/lib/messaging/client';
import { App } from './App';
import '@/components/base.css';
import '../transfer/transfer.css';

const client = runtimeClient((message) => browser.runtime.sendMessage(message));
const root = document.getElementById('root');
// The chosen language is loaded before the first render: no text ever changes language on screen.
if (root) {
  void prepareLanguage(client, 'titleSettings').then(() =>
    render(
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>,
      root,
    ),
  );
}
