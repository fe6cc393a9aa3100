using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// Configuration: appsettings.json and the standard .NET sources (environment variables such as
// Cluster__SiloPort, ConnectionStrings__Dispatch) and command-line switches (--Cluster:SiloPort 11112).
// SIGTERM and Ctrl-C stop the host gracefully: the silo hands its grains over and leaves the cluster.
var builder = Host.CreateApplicationBuilder(args);
builder.AddDispatchSilo();
await builder.Build().RunAsync();
