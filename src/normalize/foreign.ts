/**
 * Names the Lambda events of other services that reach an S3 handler by mistake (a wrong trigger,
 * a copied test event): API Gateway, ALB, Lambda function URLs, DynamoDB Streams, CloudWatch Logs.
 * Only called once an input has already failed, so reading a valid S3 event never runs it.
 *
 * Shapes, field by field:
 * - API Gateway REST API proxy (payload 1.0): `resource`, `path`, `httpMethod`, `requestContext`
 *   (`@types/aws-lambda` `APIGatewayProxyEvent`; aws-lambda-go `events/testdata/apigw-request.json`).
 *   HTTP APIs sending payload format 1.0 add `version: '1.0'`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * - API Gateway HTTP API (payload 2.0): `version: '2.0'`, `routeKey`, `rawPath`, `requestContext.http`
 *   (`APIGatewayProxyEventV2`; aws-lambda-go `apigw-v2-request-no-authorizer.json`). Lambda function
 *   URLs send the same format with `requestContext.domainName` `<url-id>.lambda-url.<region>.on.aws`
 *   (aws-lambda-go `lambda-urls-request.json`).
 * - WebSocket API: `requestContext.connectionId` and `eventType` (`APIGatewayProxyWebsocketEventV2`).
 * - ALB: `requestContext.elb.targetGroupArn`, `httpMethod`, `path` (`ALBEvent`; aws-lambda-go
 *   `alb-lambda-target-request.json`).
 * - DynamoDB Streams: `Records[].eventSource: 'aws:dynamodb'`, `eventSourceARN` of the stream
 *   (`DynamoDBStreamEvent`; aws-lambda-go `dynamodb-event.json`).
 * - CloudWatch Logs subscription: `{ awslogs: { data } }`, data gzip-compressed then base64
 *   (`CloudWatchLogsEvent`; https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html).
 *   `@middy/event-normalizer` replaces `data` with the decoded object, so only `awslogs` is checked.
 * @internal @module
 */
import { isObject, type JsonObject } from './read.js';

const ROADS = 'S3 events reach a function from an S3 notification, SQS, SNS or EventBridge';
const HTTP_HINT =
  `check the function's trigger (${ROADS}); if the request body carries an S3 event (an HTTP push), ` +
  'read the body instead: parse(event.body), base64-decoded first when isBase64Encoded is true';

/**
 * What a value that is not an S3 event is, with advice, as a whole failure message
 * (`this is an ALB request event (GET /), not an S3 event: …`); `undefined` when not recognised.
 */
export function describeForeignEvent(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const what = foreignKind(value);
  return what === undefined ? undefined : `this is ${what[0]}, not an S3 event: ${what[1]}`;
}

function foreignKind(value: JsonObject): [what: string, advice: string] | undefined {
  const context = value['requestContext'];
  if (isObject(context)) {
    if (isObject(context['elb'])) {
      return [`an Application Load Balancer request event${inParentheses(request(value['httpMethod'], value['path']))}`, HTTP_HINT];
    }
    if (isObject(context['http']) && typeof value['routeKey'] === 'string') {
      const domain = context['domainName'];
      const urlFunction = typeof domain === 'string' && domain.includes('.lambda-url.');
      const kind = urlFunction ? 'a Lambda function URL request event' : 'an API Gateway HTTP API event';
      const shown = request(context['http']['method'], context['http']['path']);
      return [`${kind} (payload format ${text(value['version']) ?? '2.0'}${shown === undefined ? '' : `, ${shown}`})`, HTTP_HINT];
    }
    if (typeof context['connectionId'] === 'string' && typeof context['eventType'] === 'string') {
      return [`an API Gateway WebSocket API event (${context['eventType']})`, `check the function's trigger (${ROADS})`];
    }
    if (typeof value['httpMethod'] === 'string') {
      const shown = request(value['httpMethod'], value['path']);
      return value['version'] === '1.0'
        ? [`an API Gateway HTTP API event (payload format 1.0, ${shown})`, HTTP_HINT]
        : [`an API Gateway REST API proxy event (${shown})`, HTTP_HINT];
    }
  }
  if (isObject(value['awslogs'])) {
    return [
      'a CloudWatch Logs subscription event ({ awslogs: { data } }: log events, gzip-compressed and base64-encoded)',
      `the function is subscribed to a log group; ${ROADS}`,
    ];
  }
  const records = value['Records'];
  const first: unknown = Array.isArray(records) ? records[0] : undefined;
  if (isObject(first) && first['eventSource'] === 'aws:dynamodb') {
    const arn = text(first['eventSourceARN']);
    const table = arn === undefined ? undefined : /:table\/([^/]+)/.exec(arn)?.[1];
    const count = (records as unknown[]).length;
    return [
      `a DynamoDB Streams event (${count} record${count === 1 ? '' : 's'}${table === undefined ? '' : ` from table ${table}`})`,
      `the function is triggered by a DynamoDB table's stream; ${ROADS}`,
    ];
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `GET /path` (shortened), or `undefined` when neither is a string. */
function request(method: unknown, path: unknown): string | undefined {
  const shown = [text(method), text(path)].filter((part) => part !== undefined).join(' ');
  return shown === '' ? undefined : shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

/** ` (GET /path)`, or `''`. */
function inParentheses(shown: string | undefined): string {
  return shown === undefined ? '' : ` (${shown})`;
}
