#!/bin/sh
# Regenerates the preview images the OpenAI emulator serves for /videos/{id}/content?variant=thumbnail|spritesheet:
# a WebP frame of the same testsrc pattern as sandbox-clip.mp4, and a JPEG sprite sheet of 4x2 small frames.
# Run from this folder; the results are committed, so this is only needed to change them.
set -e
ffmpeg -y -hide_banner -loglevel error \
  -f lavfi -i testsrc=duration=1:size=320x180:rate=1 \
  -frames:v 1 -c:v libwebp -lossless 0 -q:v 60 -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
  sandbox-thumbnail.webp
ffmpeg -y -hide_banner -loglevel error \
  -f lavfi -i testsrc=duration=2:size=160x90:rate=4 \
  -vf tile=4x2 -frames:v 1 -c:v mjpeg -q:v 6 -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
  sandbox-spritesheet.jpg
