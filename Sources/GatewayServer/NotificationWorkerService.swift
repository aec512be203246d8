import Gateway
import ServiceLifecycle

/// Runs the notification worker inside the application's service group: it starts with the server and stops on
/// graceful shutdown (SIGTERM/SIGINT). A job interrupted by shutdown stays `processing` and is resumed at the next
/// start.
struct NotificationWorkerService: Service {
    let worker: NotificationWorker

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await worker.run()
        }
    }
}
