using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using SmartlyQ.Video.Sandbox.Media;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests
{
    public class JobVideoStreamTests
    {
        private static byte[] ReadAll(Stream stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        [Fact]
        public void Reading_a_large_file_allocates_almost_nothing()
        {
            const long size = 256L << 20;
            using var stream = new JobVideoStream("job_0123456789ab", ClipAsset.Clip.Span, size);
            var buffer = new byte[81920];
            long total = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) total += read;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(size, total);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes while streaming");
        }

        [Fact]
        public void Seeking_anywhere_reads_the_same_bytes_as_a_full_read()
        {
            var full = ReadAll(new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 200_000));
            using var stream = new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 200_000);
            foreach (var offset in new[] { 0L, 7, ClipAsset.Clip.Length - 3, ClipAsset.Clip.Length + 5, 123_457, 199_990 })
            {
                stream.Seek(offset, SeekOrigin.Begin);
                var slice = new byte[13];
                var n = stream.Read(slice, 0, slice.Length);
                Assert.Equal(full.AsSpan((int)offset, n).ToArray(), slice.AsSpan(0, n).ToArray());
            }
        }

        [Fact]
        public void Same_job_gives_same_bytes_and_different_jobs_differ_in_the_filler()
        {
            var a1 = ReadAll(new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 50_000));
            var a2 = ReadAll(new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 50_000));
            var b = ReadAll(new JobVideoStream("job_bbbbbbbbbbbb", ClipAsset.Clip.Span, 50_000));

            Assert.Equal(a1, a2);
            Assert.False(a1.AsSpan(40_000).SequenceEqual(b.AsSpan(40_000)));
        }

        [Fact]
        public void Requested_size_below_the_minimum_serves_the_minimum()
        {
            using var small = new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 10);
            using var natural = new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, 0);
            Assert.Equal(natural.Length, small.Length);
            Assert.True(natural.Length > ClipAsset.Clip.Length + 8);
        }

        [Fact]
        public void Box_over_4_GiB_uses_the_64_bit_size_header()
        {
            const long size = 5L << 30;
            using var stream = new JobVideoStream("job_aaaaaaaaaaaa", ClipAsset.Clip.Span, size);
            stream.Seek(ClipAsset.Clip.Length, SeekOrigin.Begin);
            var header = new byte[16];
            Assert.Equal(16, stream.Read(header, 0, 16));

            Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(header));
            Assert.Equal("free", Encoding.ASCII.GetString(header, 4, 4));
            Assert.Equal((ulong)(size - ClipAsset.Clip.Length), BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));
            Assert.Equal(size, stream.Length);
        }
    }
}
