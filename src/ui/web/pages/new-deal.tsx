import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { EventForm } from '../event-form';
import { href, navigate } from '../router';
import { canWrite } from '../session';
import { Section } from '../widgets';

/**
 * A deal starts with its announcement or a rumour; the server gives it its id. When the server sees other deals
 * between the same parties (the same deal entered twice?), the analyst is shown them before going on.
 */
export function NewDealPage() {
  const { who } = useApp();
  const [created, setCreated] = useState<{ dealId: string; duplicates: string[] } | null>(null);
  if (!canWrite(who)) return (
    <>
      <h1>New deal</h1>
      <p class="notice">Your key ({who.role}) can read but not record deals: an analyst key is needed.</p>
    </>
  );
  return (
    <>
      <h1>New deal</h1>
      {created ? (
        <div class="notice" role="alert" data-testid="possible-duplicates">
          <p>
            The deal is recorded, and the server knows {created.duplicates.length === 1 ? 'another deal' : `${created.duplicates.length} other deals`} between
            the same acquirer and target. Is it the same deal entered twice? If so, void the new one as a duplicate.
          </p>
          <ul>
            {created.duplicates.map((id) => (
              <li>
                <a href={href(`/deals/${id}`)}>Deal {id}</a>
              </li>
            ))}
          </ul>
          <a href={href(`/deals/${created.dealId}`)}>Open the new deal</a>
        </div>
      ) : (
        <Section title="First event">
          <EventForm
            endpoint="start"
            onDone={(dealId, duplicates) => (duplicates.length ? setCreated({ dealId, duplicates }) : navigate(href(`/deals/${dealId}`)))}
          />
        </Section>
      )}
    </>
  );
}
