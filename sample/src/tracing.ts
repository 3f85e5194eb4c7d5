/**
 * Opt-in tracing for the sample: `OTEL_TRACES_EXPORTER=console npm start` prints every finished span
 * to the console, the module's own ones and those of undici auto-instrumentation (which the module
 * suppresses under its calls, so no access token shows). The SDK packages load only then. A real
 * app sets up its SDK (e.g. @opentelemetry/sdk-node) the same way: before the Nest app is created.
 */
export async function startTracing(
  env: NodeJS.ProcessEnv = process.env,
): Promise<(() => Promise<void>) | undefined> {
  if (env['OTEL_TRACES_EXPORTER'] !== 'console') return undefined;
  const [api, hooks, sdk, undici] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/instrumentation-undici'),
  ]);
  const provider = new sdk.BasicTracerProvider({
    spanProcessors: [new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter())],
  });
  const contextManager = new hooks.AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.trace.setGlobalTracerProvider(provider);
  const instrumentation = new undici.UndiciInstrumentation();
  instrumentation.setTracerProvider(provider);
  return async () => {
    instrumentation.disable();
    await provider.shutdown();
    contextManager.disable();
    api.trace.disable();
    api.context.disable();
  };
}
