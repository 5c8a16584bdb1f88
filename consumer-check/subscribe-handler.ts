// subscribe() in Lambda: the SQS consumer's SDK code must stay out of the bundle too.
import { subscribe } from 's3-event-kit';

export const handler = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
  console.log(event.key, event.size);
});
