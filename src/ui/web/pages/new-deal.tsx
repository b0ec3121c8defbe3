import { useApp } from '../app-context';
import { EventForm } from '../event-form';
import { href, navigate } from '../router';
import { canWrite } from '../session';
import { Section } from '../widgets';

/** A deal starts with its announcement or a rumour; the server gives it its id. */
export function NewDealPage() {
  const { who } = useApp();
  return (
    <>
      <h1>New deal</h1>
      {canWrite(who) ? (
        <Section title="First event">
          <EventForm endpoint="start" onDone={(dealId) => navigate(href(`/deals/${dealId}`))} />
        </Section>
      ) : (
        <p class="notice">Your key ({who.role}) can read but not record deals: an analyst key is needed.</p>
      )}
    </>
  );
}
