using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SmartlyQ.Video.Pester.Tests
{
    /// <summary>
    /// The Pester suite (tests/Pester) as xUnit tests: one case per Pester test, so each counts in the totals and
    /// a failed Pester test fails `dotnet test`. The cases come from Pester's own discovery; the suite then runs once
    /// and each case reports its test's result. If pwsh or Pester cannot be restored or started, the cases fail.
    /// </summary>
    public sealed class PesterSuite
    {
        private static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromMinutes(3);
        private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

        private static readonly Lazy<PesterRecords> Discovery = new(() => PesterHost.Invoke("Discover", DiscoveryTimeout));
        private static readonly Lazy<PesterRecords> Run = new(() => PesterHost.Invoke("Run", RunTimeout));

        /// <summary>Pester test ids from discovery; a discovery that fails is one case that fails.</summary>
        public static IEnumerable<object[]> Tests()
        {
            PesterRecords discovered;
            try
            {
                discovered = Discovery.Value;
            }
            catch (Exception ex)
            {
                DiscoveryError = ex.Message;
                return new[] { new object[] { DiscoveryFailed } };
            }
            if (!discovered.ById.Any())
            {
                DiscoveryError = "Pester discovered no tests in tests/Pester.\n" + PesterHost.Tail(discovered.Log);
                return new[] { new object[] { DiscoveryFailed } };
            }
            return discovered.Ids.Select(id => new object[] { id });
        }

        private const string DiscoveryFailed = "(discovery)";
        private static string? DiscoveryError;

        [Theory]
        [MemberData(nameof(Tests))]
        public void Pester(string test)
        {
            if (test == DiscoveryFailed)
                Assert.Fail("Pester discovery failed: " + (DiscoveryError ?? "run discovery again to see why (it ran in another process)"));

            PesterRecords run = Run.Value;
            Assert.True(run.ById.TryGetValue(test, out PesterRecord? record),
                $"'{test}' was discovered but not reported by the run.\n{PesterHost.Tail(run.Log)}");
            switch (record!.Result)
            {
                case "Passed":
                    return;
                case "Failed":
                    Assert.Fail($"Failed in Pester:\n{record.Error}");
                    break;
                default:
                    // xunit 2 cannot skip at run time, and a skipped paid-path test is no pass either.
                    Assert.Fail($"Pester reported '{record.Result}', not Passed.\n{record.Error}");
                    break;
            }
        }

        [Fact]
        public void Every_test_that_ran_was_discovered()
        {
            PesterRecords discovered = Discovery.Value;
            PesterRecords run = Run.Value;

            string[] unexpected = run.Ids.Except(discovered.Ids).ToArray();

            Assert.True(unexpected.Length == 0,
                "Tests ran that discovery did not list (their names must not change between discovery and run): " +
                string.Join("; ", unexpected));
        }
    }
}
