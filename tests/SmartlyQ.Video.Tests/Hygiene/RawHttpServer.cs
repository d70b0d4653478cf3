using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// An HTTP/1.1 server on a raw <see cref="TcpListener"/> (127.0.0.1, free port) that records every request's
    /// bytes before answering it, so what the client put on the wire is seen unparsed. Connections are kept alive
    /// and read to their end: bytes smuggled after a request would be parsed, and recorded, as a request of their own.
    /// A request is recorded before its answer is written, so once the client has its answer the request is in
    /// <see cref="Requests"/>.
    /// </summary>
    public sealed class RawHttpServer : IDisposable
    {
        private const int MaxHeadBytes = 1 << 20;
        private static readonly byte[] EndOfHead = { (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<RawRequest, RawResponse> _answer;
        private readonly ConcurrentQueue<RawRequest> _requests = new ConcurrentQueue<RawRequest>();
        private readonly ConcurrentQueue<string> _faults = new ConcurrentQueue<string>();
        private readonly ConcurrentDictionary<TcpClient, Task> _connections = new ConcurrentDictionary<TcpClient, Task>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _acceptLoop;

        public RawHttpServer(Func<RawRequest, RawResponse> answer)
        {
            _answer = answer;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
        public string Root => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        public IReadOnlyList<RawRequest> Requests => _requests.ToArray();

        /// <summary>What the server could not parse (a head without its blank line, a short body): each is a finding.</summary>
        public IReadOnlyList<string> Faults => _faults.ToArray();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (TcpClient client in _connections.Keys) client.Dispose();
            try
            {
                Task.WaitAll(_connections.Values.Append(_acceptLoop).ToArray(), TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Connections end with socket errors when they are closed under a read.
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                _connections[client] = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                NetworkStream stream = client.GetStream();
                var pending = new List<byte>();
                var buffer = new byte[16384];
                try
                {
                    while (true)
                    {
                        int end;
                        while ((end = IndexOf(pending, EndOfHead)) < 0)
                        {
                            if (pending.Count > MaxHeadBytes)
                            {
                                _faults.Enqueue("head longer than " + MaxHeadBytes + " bytes without a blank line");
                                return;
                            }

                            int read = await stream.ReadAsync(buffer, _stop.Token);
                            if (read == 0)
                            {
                                if (pending.Count > 0) _faults.Enqueue("connection closed after " + pending.Count + " bytes that are no complete request head");
                                return;
                            }

                            pending.AddRange(buffer.Take(read));
                        }

                        byte[] head = pending.Take(end + 2).ToArray();
                        pending.RemoveRange(0, end + 4);
                        int length = ContentLength(head);
                        while (pending.Count < length)
                        {
                            int read = await stream.ReadAsync(buffer, _stop.Token);
                            if (read == 0)
                            {
                                _faults.Enqueue("body shorter than its Content-Length of " + length);
                                return;
                            }

                            pending.AddRange(buffer.Take(read));
                        }

                        byte[] body = pending.Take(length).ToArray();
                        pending.RemoveRange(0, length);

                        var request = new RawRequest(head, body);
                        _requests.Enqueue(request);
                        RawResponse response;
                        try
                        {
                            response = _answer(request);
                        }
                        catch (Exception ex)
                        {
                            response = RawResponse.Text(500, "Internal Server Error", ex.Message);
                        }

                        byte[] bytes = response.ToBytes();
                        await stream.WriteAsync(bytes, _stop.Token);
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                }
                catch (IOException)
                {
                    // The client closed its pooled connection.
                }
            }
        }

        private static int ContentLength(byte[] head)
        {
            foreach (string line in Encoding.Latin1.GetString(head).Split("\r\n"))
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    return int.Parse(line.Substring("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
            return 0;
        }

        private static int IndexOf(List<byte> data, byte[] pattern)
        {
            for (int i = 0; i <= data.Count - pattern.Length; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j]) j++;
                if (j == pattern.Length) return i;
            }

            return -1;
        }
    }
}
