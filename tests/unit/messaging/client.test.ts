import { afterEach, describe, expect, it, vi } from 'vitest';
import { runtimeClient } from '@/lib/messaging/client';

describe('runtimeClient', () => {
  it('says a request may not have been saved when the background stopped before answering', async () => {
    const client = runtimeClient(() =>
      Promise.reject(new Error('the message channel closed before a response was received')),
    );
    const reply = await client.send({ type: 'import.commit', accounts: [] });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('unreachable');
    expect(reply.error.message).toMatch(/may not have been saved: check, then try again/);
    expect(reply.error.message).toContain('message channel closed');
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives up after 15 s on a background that never answers, with the same advice', async () => {
    vi.useFakeTimers();
    const client = runtimeClient(() => new Promise(() => {}));
    const pending = client.send({ type: 'vault.status' });
    await vi.advanceTimersByTimeAsync(15_000);
    const reply = await pending;
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('unreachable');
    expect(reply.error.message).toMatch(/may not have been saved: check, then try again/);
    expect(reply.error.message).toContain('did not answer in 15 s');
  });

  it('passes a real answer through untouched, and names a reply that is not one', async () => {
    const ok = runtimeClient(async () => ({ ok: true, value: { state: 'locked' } }));
    expect(await ok.send({ type: 'vault.status' })).toEqual({ ok: true, value: { state: 'locked' } });
    const odd = runtimeClient(async () => ({ value: 1 }));
    const reply = await odd.send({ type: 'vault.status' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'no-reply' } });
  });

  it('gives the same advice when the send is fulfilled empty (Chromium, a worker stopped mid-write)', async () => {
    const client = runtimeClient(async () => undefined);
    const reply = await client.send({ type: 'import.commit', accounts: [] });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('no-reply');
    expect(reply.error.message).toMatch(/may not have been saved: check, then try again/);
  });

  it('sends again while no page listens yet (the background starting), and gets the answer', async () => {
    let calls = 0;
    const client = runtimeClient(async () => {
      calls += 1;
      if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, value: { state: 'locked' } };
    });
    expect(await client.send({ type: 'vault.status' })).toEqual({ ok: true, value: { state: 'locked' } });
    expect(calls).toBe(3);
  });

  it('never sends a write again: Firefox says the same of a background killed while it ran it', async () => {
    let calls = 0;
    const client = runtimeClient(async () => {
      calls += 1;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const reply = await client.send({ type: 'import.commit', accounts: [] });
    expect(calls).toBe(1);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/may not have been saved: check, then try again/);
  });

  it('stops sending a read again once the 15 s are up', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const client = runtimeClient(async () => {
      calls += 1;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const pending = client.send({ type: 'vault.status' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    const sent = calls;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(sent);
  });

  it('does not send again after any other failure (the request may have run)', async () => {
    let calls = 0;
    const client = runtimeClient(async () => {
      calls += 1;
      throw new Error('the message channel closed before a response was received');
    });
    const reply = await client.send({ type: 'import.commit', accounts: [] });
    expect(calls).toBe(1);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });
});
