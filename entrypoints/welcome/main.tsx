import { render } from 'preact';
import { Welcome } from './Welcome';
import '@/components/base.css';
import '../transfer/transfer.css';
import './welcome.css';

const root = document.getElementById('root');
if (root) render(<Welcome />, root);
