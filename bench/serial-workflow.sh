#!/usr/bin/env bash
# The seed's workflow as a plain script: the NemoVideo calls of shared/nemo-api.md, one file after another,
# with nothing in parallel: an anonymous token once, then per file a session, the upload, the instruction
# (its stream read to the end), the state, the export, a render status check every interval until it is
# completed, and the download. What bench/batch-vs-serial.sh compares mp4drop's batch against.
# Usage: bench/serial-workflow.sh API_URL INBOX OUTBOX [POLL_INTERVAL_SECONDS]   Needs curl and jq.
set -euo pipefail
api=$1 inbox=$2 outbox=$3 interval=${4:-1}
mkdir -p "$outbox"
attribution=(-H 'X-Skill-Source: video-converter-best' -H 'X-Skill-Version: 1.0.0' -H 'X-Skill-Platform: serial-script')
# the three envelopes: {code, data}, {success, data}, or a bare object
unwrap='if type == "object" and has("data") then .data else . end'
token=$(curl -sf -X POST -H "X-Client-Id: serial-$$" "$api/api/auth/anonymous-token" | jq -r "$unwrap | .token")
auth=(-H "Authorization: Bearer $token" "${attribution[@]}")

for file in "$inbox"/*; do
  name=$(basename "$file")
  sid=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"task_name":"serial","language":"en"}' \
    "$api/api/tasks/me/with-session/nemo_agent" | jq -r "$unwrap | .session_id | tostring")
  curl -sf "${auth[@]}" -F "files=@$file" "$api/api/upload-video/nemo_agent/me/$sid" >/dev/null
  jq -n --arg sid "$sid" '{app_name: "nemo_agent", user_id: "me", session_id: $sid,
      new_message: {parts: [{text: "Convert this video to MP4 at 1080p without losing quality"}]}}' |
    curl -sfN "${auth[@]}" -H 'Accept: text/event-stream' -H 'Content-Type: application/json' -d @- \
      "$api/run_sse" >/dev/null
  draft=$(curl -sf "${auth[@]}" "$api/api/state/nemo_agent/me/$sid/latest" | jq -c "$unwrap | .state.draft")
  render="render_serial_${sid}_$RANDOM"
  jq -n --arg id "$render" --arg sid "$sid" --argjson draft "$draft" \
      '{id: $id, sessionId: $sid, draft: $draft, output: {format: "mp4", quality: "high"}}' |
    curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d @- "$api/api/render/proxy/lambda" >/dev/null
  url=""
  while [ -z "$url" ]; do
    sleep "$interval"
    status=$(curl -sf "${auth[@]}" "$api/api/render/proxy/lambda/$render" | jq -c "$unwrap")
    if [ "$(jq -r .status <<<"$status")" = completed ]; then
      url=$(jq -r '.outputUrl // .output.url' <<<"$status")
    fi
  done
  curl -sfL -o "$outbox/${name%.*}.mp4" "$url"
  echo "$name: done"
done
