import { render } from 'preact';
import { browser } from 'wxt/browser';
import { prepareLanguage } from '@/lib/i18n';
import { runtimeClient } from '@/lib/messaging/client';
import { Welcome } from './Welcome';
import '@/components/base.css';
import '../transfer/transfer.css';
import './welcome.css';

// The page needs nothing from the vault: the background is asked only for the language setting.
const client = runtimeClient((message) => browser.runtime.sendMessage(message));
const root = document.getElementById('root');
if (root) void prepareLanguage(client, 'commonWelcome').then(() => render(<Welcome />, root));
