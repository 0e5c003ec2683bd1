package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"
)

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// unobserved are the routes kubelet and Prometheus poll: counting them would
// swamp the error rate and latency of real traffic with probes (and count
// every 503 of /readyz while the pod drains as an error).
var unobserved = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// newHandler serves /, /healthz, /readyz and /metrics; anything else is
// answered 404 and counted as route "other". Probes and scrapes are not
// counted.
func newHandler(ready *atomic.Bool, metrics *requestMetrics) http.Handler {
	routes := map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]string{"service": serviceName, "message": "Hello"})
		},
		"/healthz": func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte("ok\n"))
		},
		"/readyz": func(w http.ResponseWriter, _ *http.Request) {
			if !ready.Load() {
				http.Error(w, "not ready", http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write([]byte("ready\n"))
		},
		"/metrics": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
			_, _ = w.Write([]byte(metrics.render()))
		},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now()
		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		route := r.URL.Path
		handler, ok := routes[route]
		switch {
		case !ok:
			route = "other"
			http.NotFound(recorder, r)
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			http.Error(recorder, "method not allowed", http.StatusMethodNotAllowed)
		default:
			handler(recorder, r)
		}
		if !unobserved[route] {
			metrics.observe(r.Method, route, recorder.status, time.Since(started).Seconds())
		}
	})
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = defaultPort
	}
	var ready atomic.Bool
	server := &http.Server{
		Addr:              ":" + port,
		Handler:           newHandler(&ready, newRequestMetrics()),
		ReadHeaderTimeout: 10 * time.Second,
	}

	signals, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	go func() {
		log.Printf("%s listening on port %s", serviceName, port)
		if err := server.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	ready.Store(true)

	// Kubernetes sends SIGTERM and keeps routing traffic for a moment: report
	// not ready first, then stop accepting connections and drain.
	<-signals.Done()
	log.Print("shutting down")
	ready.Store(false)
	time.Sleep(5 * time.Second)
	ctx, done := context.WithTimeout(context.Background(), 20*time.Second)
	defer done()
	if err := server.Shutdown(ctx); err != nil {
		log.Printf("shutdown: %v", err)
	}
}
