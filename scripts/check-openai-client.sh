#!/usr/bin/env bash
# Points the official OpenAI Node client (npm package `openai`, unmodified; only its base URL is set) at a
# running `tessera serve` and checks completions and chat completions, streamed and not, and that seeded
# requests are reproducible. The package is installed into a temporary folder, nothing in the repository.
#
#   ./tessera serve --model m.tessera --port 8080 &
#   scripts/check-openai-client.sh http://127.0.0.1:8080/v1 m [OPENAI_VERSION]
set -euo pipefail
base="${1:-http://127.0.0.1:8080/v1}"
model="${2:?usage: $0 BASE_URL MODEL_ID [openai version]}"
version="${3:-latest}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
(cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "openai@$version" >/dev/null)
echo "openai (npm) $(node -p "require('$dir/node_modules/openai/package.json').version")"
cat > "$dir/check.mjs" <<'JS'
import OpenAI from 'openai';
const [base, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL: base, apiKey: process.env.TESSERA_API_KEY || 'none' });
let failed = 0;
const check = (what, ok, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failed++;
};
const show = (s) => JSON.stringify(s.length > 60 ? s.slice(0, 60) + '...' : s);

const models = await client.models.list();
check('models.list names the model', models.data.some((m) => m.id === model), models.data.map((m) => m.id).join(','));

const req = { model, prompt: 'Call me Ishmael. Some years ago', max_tokens: 40, temperature: 0.8, seed: 42 };
const a = await client.completions.create(req);
const b = await client.completions.create(req);
check('completions.create', a.choices[0].text.length > 0, show(a.choices[0].text));
check('completion usage', a.usage.completion_tokens > 0 && a.usage.total_tokens === a.usage.prompt_tokens + a.usage.completion_tokens,
  JSON.stringify(a.usage));
check('seeded completion is reproducible', a.choices[0].text === b.choices[0].text);
const c = await client.completions.create({ ...req, seed: 43 });
check('another seed, another text', c.choices[0].text !== a.choices[0].text);

let streamed = '';
let chunks = 0;
for await (const chunk of await client.completions.create({ ...req, stream: true })) {
  streamed += chunk.choices[0]?.text ?? '';
  chunks++;
}
check('completions stream', chunks > 1 && streamed === a.choices[0].text, `${chunks} chunks, same text as unstreamed`);

const messages = [{ role: 'system', content: 'You are a sailor.' }, { role: 'user', content: 'Where is the whale?' }];
const chatReq = { model, messages, max_tokens: 40, temperature: 0.8, seed: 7 };
const x = await client.chat.completions.create(chatReq);
const y = await client.chat.completions.create(chatReq);
check('chat.completions.create', x.choices[0].message.role === 'assistant' && typeof x.choices[0].message.content === 'string',
  show(x.choices[0].message.content));
check('seeded chat is reproducible', x.choices[0].message.content === y.choices[0].message.content);

let chatStreamed = '';
let chatChunks = 0;
const stream = await client.chat.completions.create({ ...chatReq, stream: true, stream_options: { include_usage: true } });
let usage = null;
for await (const chunk of stream) {
  chatStreamed += chunk.choices[0]?.delta?.content ?? '';
  if (chunk.usage) usage = chunk.usage;
  chatChunks++;
}
check('chat stream', chatChunks > 1 && chatStreamed === x.choices[0].message.content, `${chatChunks} chunks, same text`);
check('chat stream usage chunk', usage !== null && usage.completion_tokens > 0, JSON.stringify(usage));

try {
  await client.completions.create({ ...req, max_tokens: 1000000 });
  check('a bad request is refused', false);
} catch (e) {
  check('a bad request is an APIError 400 naming the field', e.status === 400 && e.param === 'max_tokens', `${e.status} ${e.message}`);
}
console.log(failed === 0 ? 'all checks passed' : `${failed} checks failed`);
process.exit(failed === 0 ? 0 : 1);
JS
node "$dir/check.mjs" "$base" "$model"
