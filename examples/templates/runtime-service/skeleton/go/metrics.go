package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The two series the chart's recording rules, alerts and dashboard read, in
// the Prometheus text format. No client library: switch to
// github.com/prometheus/client_golang when the service needs more.

// buckets are the upper bounds of the latency histogram, in seconds.
var buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64
	sum    float64
	count  uint64
}

type requestMetrics struct {
	mu        sync.Mutex
	requests  map[string]uint64
	durations map[string]*histogram
}

func newRequestMetrics() *requestMetrics {
	return &requestMetrics{
		requests:  map[string]uint64{},
		durations: map[string]*histogram{},
	}
}

func labels(pairs ...string) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		value := strings.ReplaceAll(pairs[i+1], `\`, `\\`)
		value = strings.ReplaceAll(value, `"`, `\"`)
		parts = append(parts, fmt.Sprintf(`%s="%s"`, pairs[i], value))
	}
	return strings.Join(parts, ",")
}

// knownMethods are the methods counted under their own name.
var knownMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true,
	"PATCH": true, "DELETE": true, "OPTIONS": true,
}

// methodLabel is the method label of a request: net/http accepts any token
// as a method, so anything but the usual ones is counted as OTHER, or every
// client could add series at will.
func methodLabel(method string) string {
	if knownMethods[method] {
		return method
	}
	return "OTHER"
}

// observe counts one request and its duration.
func (m *requestMetrics) observe(method, route string, code int, seconds float64) {
	method = methodLabel(method)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[labels("method", method, "route", route, "code", fmt.Sprint(code))]++
	key := labels("method", method, "route", route)
	h, ok := m.durations[key]
	if !ok {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.durations[key] = h
	}
	for i, bound := range buckets {
		if seconds <= bound {
			h.counts[i]++
		}
	}
	h.sum += seconds
	h.count++
}

func sortedKeys[V any](values map[string]V) []string {
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// render is the exposition for GET /metrics.
func (m *requestMetrics) render() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP http_requests_total HTTP requests by method, route and status code.\n")
	b.WriteString("# TYPE http_requests_total counter\n")
	for _, key := range sortedKeys(m.requests) {
		fmt.Fprintf(&b, "http_requests_total{%s} %d\n", key, m.requests[key])
	}
	b.WriteString("# HELP http_request_duration_seconds HTTP request latency by method and route.\n")
	b.WriteString("# TYPE http_request_duration_seconds histogram\n")
	for _, key := range sortedKeys(m.durations) {
		h := m.durations[key]
		for i, bound := range buckets {
			fmt.Fprintf(&b, "http_request_duration_seconds_bucket{%s,le=\"%g\"} %d\n", key, bound, h.counts[i])
		}
		fmt.Fprintf(&b, "http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %d\n", key, h.count)
		fmt.Fprintf(&b, "http_request_duration_seconds_sum{%s} %g\n", key, h.sum)
		fmt.Fprintf(&b, "http_request_duration_seconds_count{%s} %d\n", key, h.count)
	}
	return b.String()
}
