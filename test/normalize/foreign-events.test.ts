/**
 * Events of other services given to parse()/normalize(): the failure names what they are (still
 * code UNKNOWN_SHAPE, see S3EventParseErrorCode). Payloads are trimmed copies of aws-lambda-go's
 * sample events (events/testdata/*.json, named per case), checked against @types/aws-lambda.
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, CloudWatchLogsEvent, DynamoDBStreamEvent } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isS3EventParseError, normalize, parse } from 's3-event-kit';
import { thrown } from './helpers.js';

// aws-lambda-go events/testdata/apigw-request.json (headers trimmed)
const restApi: APIGatewayProxyEvent = {
  resource: '/{proxy+}',
  path: '/hello/world',
  httpMethod: 'POST',
  headers: { 'Content-Type': 'application/json', Host: 'gy415nuibc.execute-api.us-east-1.amazonaws.com' },
  multiValueHeaders: { 'Content-Type': ['application/json'] },
  queryStringParameters: { name: 'me' },
  multiValueQueryStringParameters: { name: ['me'] },
  pathParameters: { proxy: 'hello/world' },
  stageVariables: { stageVariableName: 'stageVariableValue' },
  requestContext: {
    accountId: '12345678912',
    resourceId: 'roq9wj',
    stage: 'testStage',
    domainName: 'gy415nuibc.execute-api.us-east-2.amazonaws.com',
    domainPrefix: 'y0ne18dixk',
    requestId: 'deef4878-7910-11e6-8f14-25afc3e9ae33',
    identity: { sourceIp: '192.168.196.186', userAgent: 'PostmanRuntime/2.4.5' } as APIGatewayProxyEvent['requestContext']['identity'],
    authorizer: { principalId: 'admin', clientId: 1, clientName: 'Exata' },
    resourcePath: '/{proxy+}',
    path: '/testStage/hello/world',
    protocol: 'HTTP/1.1',
    httpMethod: 'POST',
    requestTime: '15/May/2020:06:01:09 +0000',
    requestTimeEpoch: 1589522469693,
    apiId: 'gy415nuibc',
  },
  body: '{\r\n\t"a": 1\r\n}',
  isBase64Encoded: false,
};

// aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json
const httpApi: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/',
  rawQueryString: '',
  headers: { accept: '*/*', host: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com', 'user-agent': 'curl/7.58.0' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'aaaaaaaaaa',
    domainName: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com',
    domainPrefix: 'aaaaaaaaaa',
    http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: 'curl/7.58.0' },
    requestId: 'LV7fzho-PHcEJPw=',
    routeKey: '$default',
    stage: '$default',
    time: '21/Apr/2020:15:08:21 +0000',
    timeEpoch: 1587481701067,
  },
  isBase64Encoded: false,
};

// aws-lambda-go events/testdata/lambda-urls-request.json (same payload format 2.0)
const functionUrl = {
  ...httpApi,
  rawPath: '/my/path',
  body: 'Hello from client!',
  requestContext: {
    ...httpApi.requestContext,
    apiId: '<urlid>',
    domainName: '<url-id>.lambda-url.us-west-2.on.aws',
    domainPrefix: '<url-id>',
    http: { method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '123.123.123.123', userAgent: 'agent' },
  },
};

// aws-lambda-go events/testdata/alb-lambda-target-request.json (headers trimmed)
const alb: ALBEvent = {
  requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:region:123456789012:targetgroup/my-target-group/6d0ecf831eec9f09' } },
  httpMethod: 'GET',
  path: '/',
  queryStringParameters: { testparam: 'true' },
  headers: { host: 'lambda-999999999-us-east-2.elb.amazonaws.com' },
  isBase64Encoded: false,
  body: 'Who there?',
};

// aws-lambda-go events/testdata/dynamodb-event.json (first record, images trimmed)
const dynamodb: DynamoDBStreamEvent = {
  Records: [
    {
      eventID: 'f07f8ca4b0b26cb9c4e5e77e69f274ee',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1480642020,
        Keys: { val: { S: 'data' }, key: { S: 'binary' } },
        NewImage: { val: { S: 'data' }, key: { S: 'binary' } },
        SequenceNumber: '1405400000000002063282832',
        SizeBytes: 54,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/Example-Table/stream/2016-12-01T00:00:00.000',
    },
  ],
};

// https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html: data is gzip, then base64.
const logs: CloudWatchLogsEvent = {
  awslogs: {
    data: gzipSync(
      JSON.stringify({ messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/f', logStream: 's', subscriptionFilters: ['all'], logEvents: [] }),
    ).toString('base64'),
  },
};

const DYNAMO = 'this is a DynamoDB Streams event (1 record from table Example-Table), not an S3 event: ';

describe('an event of another service says what it is', () => {
  it.each([
    ['API Gateway REST API proxy', restApi, 'this is an API Gateway REST API proxy event (POST /hello/world), not an S3 event: '],
    ['API Gateway HTTP API, payload 2.0', httpApi, 'this is an API Gateway HTTP API event (payload format 2.0, GET /), not an S3 event: '],
    ['API Gateway HTTP API, payload 1.0', { ...restApi, version: '1.0' }, 'this is an API Gateway HTTP API event (payload format 1.0, POST /hello/world), not an S3 event: '],
    ['Lambda function URL', functionUrl, 'this is a Lambda function URL request event (payload format 2.0, POST /my/path), not an S3 event: '],
    ['ALB', alb, 'this is an Application Load Balancer request event (GET /), not an S3 event: '],
    ['DynamoDB Streams', dynamodb, DYNAMO],
    ['CloudWatch Logs', logs, 'this is a CloudWatch Logs subscription event ({ awslogs: { data } }: log events, gzip-compressed and base64-encoded), not an S3 event: '],
  ])('%s', (_, input, start) => {
    const { events, failures } = parse(input);

    expect(events).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'UNKNOWN_SHAPE', path: '', messageId: undefined, input });
    expect(failures[0]?.message.startsWith(start)).toBe(true);
    expect(failures[0]?.message).toMatch(/S3 events reach a function from an S3 notification, SQS, SNS or EventBridge/);
    const error = thrown(() => normalize(input));
    expect(isS3EventParseError(error) && error.message).toBe(failures[0]?.message);
  });

  it('the HTTP ones point at the request body, which may carry an HTTP push', () => {
    expect(parse(restApi).failures[0]?.message).toContain('parse(event.body), base64-decoded first when isBase64Encoded is true');
    expect(parse(alb).failures[0]?.message).toContain('parse(event.body)');
  });

  it('as JSON text too (a pasted test event)', () => {
    expect(parse(JSON.stringify(alb)).failures[0]?.message).toMatch(/^this is an Application Load Balancer request event/);
  });

  it('a WebSocket API event, and the shapes without their optional details', () => {
    const ws = { requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId: 'abc=', apiId: 'x' }, isBase64Encoded: false };
    expect(parse(ws).failures[0]?.message).toMatch(/^this is an API Gateway WebSocket API event \(CONNECT\), not an S3 event: check the function's trigger/);
    expect(parse({ requestContext: { elb: {} } }).failures[0]?.message).toMatch(/^this is an Application Load Balancer request event, not/);
    expect(parse({ routeKey: '$default', requestContext: { http: {} } }).failures[0]?.message).toMatch(/^this is an API Gateway HTTP API event \(payload format 2\.0\), not/);
    expect(parse({ Records: [{ eventSource: 'aws:dynamodb' }, { eventSource: 'aws:dynamodb' }] }).failures[0]?.message).toMatch(
      /^this is a DynamoDB Streams event \(2 records\), not/,
    );
    expect(parse({ awslogs: { data: { logEvents: [] } } }).failures[0]?.message).toMatch(/^this is a CloudWatch Logs subscription event/); // after @middy/event-normalizer
  });

  it('long paths are shortened', () => {
    const message = parse({ ...alb, path: `/${'a'.repeat(500)}` }).failures[0]?.message ?? '';
    expect(message).toContain(`(GET /${'a'.repeat(75)}…)`);
    expect(message).not.toContain("a".repeat(81));
  });

  it('anything else keeps the generic text, and the code stays UNKNOWN_SHAPE', () => {
    for (const input of [{}, { requestContext: {} }, { requestContext: 'x' }, { Records: [{ eventSource: 'aws:kinesis' }] }, { Records: ['x'] }, null]) {
      expect(parse(input).failures[0]).toMatchObject({ code: 'UNKNOWN_SHAPE', message: 'not an S3 event, nor an SQS, SNS or EventBridge envelope around one' });
    }
  });

  it('inside an SQS body, another service is still NOT_S3_EVENT of the carrier (unchanged)', () => {
    const sqs = { Records: [{ eventSource: 'aws:sqs', messageId: 'm-1', receiptHandle: 'r', body: JSON.stringify(dynamodb) }] };
    expect(parse(sqs).failures[0]).toMatchObject({ code: 'NOT_S3_EVENT', path: 'Records[0].body', messageId: 'm-1' });
  });
});
