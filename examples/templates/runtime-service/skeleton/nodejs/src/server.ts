import { createApp } from './app.js';
import { DEFAULT_PORT, SERVICE_NAME } from './config.js';

const port = Number(process.env.PORT ?? DEFAULT_PORT);
const app = createApp();

app.server.listen(port, () => {
  app.setReady(true);
  console.log(`${SERVICE_NAME} listening on port ${port}`);
});

// Kubernetes sends SIGTERM and keeps routing traffic for a moment: report
// not ready first, then stop accepting connections and exit.
function shutdown(signal: string): void {
  console.log(`${signal} received, shutting down`);
  app.setReady(false);
  setTimeout(() => {
    app.server.close(() => process.exit(0));
    app.server.closeIdleConnections();
  }, 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
