using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Providers;

// dotnet run --project src/SmartlyQ.Video.Sandbox -- --urls http://127.0.0.1:5080 [--Sandbox:FailureRate=0.2 ...]
var builder = WebApplication.CreateBuilder(args);
var options = SandboxApp.BindOptions(builder.Configuration);
var app = SandboxApp.Build(builder, options);

await app.StartAsync();
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? Array.Empty<string>();
foreach (var address in addresses)
    Console.WriteLine($"SmartlyQ sandbox listening on {address.TrimEnd('/')}{SandboxApp.ApiPrefix}");
foreach (var key in options.Keys)
    Console.WriteLine($"  API key: {key.Key}  (scopes: {string.Join(",", key.Scopes)}, balance: {key.Balance:0.0000} SQC)");
// Same list as GET /sandbox/providers: what each API's client takes as base URI, and a key it accepts.
var root = addresses.FirstOrDefault()?.TrimEnd('/');
if (root != null)
{
    Console.WriteLine("  Providers (GET /sandbox/providers):");
    foreach (var provider in ProviderEndpoints.Describe(new Uri(root + "/"), app.Services.GetRequiredService<ApiKeyRegistry>()))
        Console.WriteLine($"    {provider.Name,-9} base URI {provider.BaseUri,-40} key {provider.ApiKey ?? "(none configured)"}");
}
Console.WriteLine($"  Ledger:  {addresses.FirstOrDefault()?.TrimEnd('/')}/sandbox/ledger");
Console.WriteLine($"  Chaos:   {addresses.FirstOrDefault()?.TrimEnd('/')}/sandbox/chaos ({(options.Chaos?.IsEnabled() == true ? "faults ON" : "off")})");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
