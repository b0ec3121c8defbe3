import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { type Who, keepKey } from '../session';
import { Field } from '../widgets';

/** The key is checked with GET /me before it is kept: a wrong one says so and is not stored. */
export function SignIn({ onSignedIn, notice }: { onSignedIn(who: Who): void; notice?: string }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    const given = key.trim();
    if (!given) return setError('Enter your API key.');
    setBusy(true);
    try {
      const { data } = await request<Who>('/me', { key: given });
      keepKey(given);
      onSignedIn(data);
    } catch (e) {
      setError(e instanceof ApiError && e.problem.status === 401 ? 'That API key is not valid.' : `Could not sign in: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" class="sign-in">
      <h1>Deal tracker</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} class="card" aria-label="Sign in">
        <Field label="API key" error={error} hint="Kept for this tab only; sent as Authorization: Bearer.">
          <input type="password" name="apiKey" autoComplete="current-password" value={key} onInput={(e) => setKey(e.currentTarget.value)} autoFocus />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
