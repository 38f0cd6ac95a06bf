package emulator

import "net/http"

func isConsoleRequest(r *http.Request) bool { return false }

func (s *Server) serveConsole(w http.ResponseWriter, r *http.Request) {}
