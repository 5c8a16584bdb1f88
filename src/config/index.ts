/**
 * Set-up helpers: bucket notification configurations, EventBridge rules and access policies.
 * Loads the AWS SDK clients only when a helper that talks to AWS is called.
 * @module s3-event-kit/config
 */
export {};
