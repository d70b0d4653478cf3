#!/bin/sh
# Regenerates sandbox-clip.mp4, the playable clip every sandbox video file starts with.
# Run from this folder; the result is committed, so this is only needed to change the clip.
set -e
ffmpeg -y -hide_banner -loglevel error \
  -f lavfi -i testsrc=duration=2:size=320x180:rate=25 \
  -c:v libx264 -preset veryslow -crf 30 -pix_fmt yuv420p -profile:v baseline \
  -movflags +faststart -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
  sandbox-clip.mp4
