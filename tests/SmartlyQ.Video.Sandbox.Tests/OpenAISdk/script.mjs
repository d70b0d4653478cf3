// The official OpenAI Node SDK, unchanged, against the sandbox's OpenAI Videos emulator.
// Usage: node script.mjs <baseURL> <apiKey>   (baseURL as an OpenAI client takes it, e.g. http://127.0.0.1:5080/openai/v1)
// Prints one JSON object with what the SDK saw; OpenAISdkTests.cs asserts it against the server's own view.
import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
// No retries: a fault would otherwise be hidden; the test runs without chaos.
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// Poll the way the SDK's own poll helper does: retrieve until terminal, waiting openai-poll-after-ms between calls.
async function poll(id) {
  const statuses = [];
  for (let i = 0; i < 200; i++) {
    const { data, response } = await client.videos.retrieve(id).withResponse();
    statuses.push(data.status);
    if (data.status !== 'queued' && data.status !== 'in_progress') return { video: data, statuses };
    await sleep(Number(response.headers.get('openai-poll-after-ms') ?? 1000));
  }
  throw new Error(`video ${id} never finished`);
}

// 1x1 PNG as the first frame: create is multipart with an uploaded input_reference, as the SDK always sends it.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const { data: created, response: createResponse } = await client.videos.create({
  prompt: 'A calico cat playing a piano on stage',
  model: 'sora-2',
  seconds: '4',
  size: '1280x720',
  input_reference: await toFile(png, 'first-frame.png', { type: 'image/png' }),
}).withResponse();
const second = await client.videos.create({ prompt: 'A second video, by image URL', input_reference: { image_url: 'https://example.com/frame.png' } });

const { video, statuses } = await poll(created.id);
await poll(second.id);

// Auto-pagination follows last_id with limit 1, one page per video.
const listed = [];
for await (const item of client.videos.list({ limit: 1, order: 'asc' })) listed.push(item.id);
const firstPage = await client.videos.list({ limit: 1 });

const content = await client.videos.downloadContent(created.id);
const bytes = Buffer.from(await content.arrayBuffer());
const thumbnail = await client.videos.downloadContent(created.id, { variant: 'thumbnail' });
await thumbnail.arrayBuffer();

const remix = await client.videos.remix(created.id, { prompt: 'The same cat, now on the moon' });
const remixed = (await poll(remix.id)).video;

const deleted = await client.videos.delete(second.id);

let notFound = null;
try {
  await client.videos.retrieve(second.id);
} catch (error) {
  notFound = {
    sdkClass: error?.constructor?.name,
    isNotFoundError: error instanceof OpenAI.NotFoundError,
    status: error.status,
    code: error.code,
    type: error.type,
    param: error.param,
    requestId: error.requestID ?? null,
  };
}

let badRequest = null;
try {
  await client.videos.create({ prompt: 'too long', seconds: '5' });
} catch (error) {
  badRequest = { isBadRequestError: error instanceof OpenAI.BadRequestError, status: error.status, code: error.code, param: error.param };
}

console.log(JSON.stringify({
  created: { id: created.id, object: created.object, status: created.status, progress: created.progress, seconds: created.seconds, size: created.size, model: created.model },
  createRequestId: createResponse.headers.get('x-request-id'),
  statuses,
  final: { status: video.status, progress: video.progress, completedAt: video.completed_at, expiresAt: video.expires_at },
  listed,
  firstPage: { ids: firstPage.data.map((v) => v.id), hasMore: firstPage.has_more, hasNextPage: firstPage.hasNextPage() },
  content: { type: content.headers.get('content-type'), length: bytes.length, sha256: sha256(bytes) },
  thumbnailType: thumbnail.headers.get('content-type'),
  remix: { id: remix.id, remixedFrom: remixed.remixed_from_video_id, status: remixed.status, prompt: remixed.prompt },
  deleted,
  notFound,
  badRequest,
}));
