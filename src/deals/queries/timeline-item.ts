// One item of GET /deals/{dealId}/events: its own file, with no imports, so the dashboard shares the type (src/ui/web).
export interface TimelineItem {
  eventId: string;
  type: string;
  occurredOn: string;
  recordedAt: string;
  actor: string;
  version: number;
  position: number;
  retracted: boolean;
  /** On a retraction: the event it retracted. */
  retractedEventId?: string;
  [field: string]: unknown;
}
