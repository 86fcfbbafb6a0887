#!/usr/bin/env bash
# Opens a pull request with the nightly status/ files and keeps one tracking issue up to date.
# Usage: publish-status.sh FOLDER   (FOLDER holds status/, hub-report.txt and links-report.txt)
# Needs GH_TOKEN, GITHUB_REPOSITORY and the gh CLI, as GitHub's runners provide them.
set -euo pipefail

folder="$1"
label="nightly-drift"
title="Nightly verification found drift"

mkdir -p status
cp "$folder"/status/*.json status/

if ! git diff --quiet -- status || [ -n "$(git ls-files --others --exclude-standard -- status)" ]; then
  branch="nightly/status-$(date -u +%Y-%m-%d)"
  git config user.name "open-model-atlas-bot"
  git config user.email "open-model-atlas-bot@users.noreply.github.com"
  git switch -c "$branch"
  git add status
  git commit -m "Nightly status: Hub and link checks of $(date -u +%Y-%m-%d)"
  git push --force "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "HEAD:refs/heads/${branch}"
  if [ -z "$(gh pr list --head "$branch" --state open --json number --jq '.[0].number')" ]; then
    gh pr create --head "$branch" --title "Nightly status $(date -u +%Y-%m-%d)" \
      --body "Machine-written status from the nightly Hub and link checks. Curated YAML is unchanged."
  fi
fi

report="$(mktemp)"
grep -hE '^(drift|broken|error):' "$folder"/hub-report.txt "$folder"/links-report.txt > "$report" || true
issue="$(gh issue list --label "$label" --state open --json number --jq '.[0].number')"

if [ -s "$report" ]; then
  body="$(mktemp)"
  {
    echo "The nightly check of $(date -u +%Y-%m-%d) found these differences between the catalog and the world:"
    echo
    echo '```'
    cat "$report"
    echo '```'
  } > "$body"
  if [ -n "$issue" ]; then
    gh issue edit "$issue" --body-file "$body"
  else
    gh label create "$label" --color FBCA04 --description "Found by the nightly verification" 2>/dev/null || true
    gh issue create --title "$title" --label "$label" --body-file "$body"
  fi
elif [ -n "$issue" ]; then
  gh issue close "$issue" --comment "The nightly check of $(date -u +%Y-%m-%d) found no drift."
fi
