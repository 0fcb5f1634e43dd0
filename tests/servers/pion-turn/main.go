// Command pion-turn is the second, independent TURN server (RFC 5766 / RFC 8656) that
// TelnyxNet's tests run the TURN client against, built on github.com/pion/turn/v2 as Debian
// ships it (golang-github-pion-turn.v2-dev). It listens on UDP and TCP at one address and port,
// authenticates long-term credentials (RFC 8489 §9.2) of the users given, relays on the given
// address and port range, and prints to standard output:
//
//	ready udp=ADDR tcp=ADDR    once both listeners are open
//	allocations N              each time the number of live allocations changes
//
// It stops cleanly on SIGTERM or SIGINT.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pion/logging"
	"github.com/pion/turn/v2"
)

// credentials holds the long-term keys, MD5(user ":" realm ":" password), by user name; it is
// filled from repeated -user name=password flags.
type credentials struct {
	passwords map[string]string
}

func (c *credentials) String() string {
	names := make([]string, 0, len(c.passwords))
	for name := range c.passwords {
		names = append(names, name)
	}
	return strings.Join(names, ",")
}

func (c *credentials) Set(value string) error {
	name, password, found := strings.Cut(value, "=")
	if !found || name == "" {
		return fmt.Errorf("want name=password, got %q", value)
	}
	c.passwords[name] = password
	return nil
}

func (c *credentials) keys(realm string) map[string][]byte {
	keys := make(map[string][]byte, len(c.passwords))
	for name, password := range c.passwords {
		keys[name] = turn.GenerateAuthKey(name, realm, password)
	}
	return keys
}

var logLevels = map[string]logging.LogLevel{
	"error": logging.LogLevelError,
	"warn":  logging.LogLevelWarn,
	"info":  logging.LogLevelInfo,
	"debug": logging.LogLevelDebug,
	"trace": logging.LogLevelTrace,
}

type settings struct {
	listen  string
	port    int
	realm   string
	relay   string
	minPort int
	maxPort int
	level   string
	users   credentials
}

func parse() settings {
	s := settings{users: credentials{passwords: map[string]string{}}}
	flag.StringVar(&s.listen, "listen", "127.0.0.1", "IPv4 address to listen on, for UDP and TCP")
	flag.IntVar(&s.port, "port", 3478, "port to listen on, for UDP and TCP")
	flag.StringVar(&s.realm, "realm", "pion.test", "realm offered in 401 responses")
	flag.StringVar(&s.relay, "relay", "127.0.0.1", "IPv4 address the relayed transport addresses use")
	flag.IntVar(&s.minPort, "min-port", 0, "lowest relay port (0 with -max-port 0: any port)")
	flag.IntVar(&s.maxPort, "max-port", 0, "highest relay port")
	flag.StringVar(&s.level, "log", "warn", "pion log level: error, warn, info, debug or trace")
	flag.Var(&s.users, "user", "long-term credential as name=password; repeat for more users")
	flag.Parse()
	return s
}

// relayGenerator hands out relay sockets on the relay address, within the port range when one is given.
func relayGenerator(s settings) (turn.RelayAddressGenerator, error) {
	ip := net.ParseIP(s.relay)
	if ip == nil || ip.To4() == nil {
		return nil, fmt.Errorf("-relay %q is not an IPv4 address", s.relay)
	}
	if s.minPort == 0 && s.maxPort == 0 {
		return &turn.RelayAddressGeneratorStatic{RelayAddress: ip, Address: s.relay}, nil
	}
	if s.minPort <= 0 || s.maxPort < s.minPort || s.maxPort > 65535 {
		return nil, fmt.Errorf("relay port range %d-%d is not valid", s.minPort, s.maxPort)
	}
	return &turn.RelayAddressGeneratorPortRange{
		RelayAddress: ip,
		Address:      s.relay,
		MinPort:      uint16(s.minPort),
		MaxPort:      uint16(s.maxPort),
		MaxRetries:   s.maxPort - s.minPort + 1,
	}, nil
}

func run(s settings) error {
	if len(s.users.passwords) == 0 {
		return fmt.Errorf("give at least one -user name=password")
	}
	level, known := logLevels[s.level]
	if !known {
		return fmt.Errorf("-log %q is not one of error, warn, info, debug, trace", s.level)
	}
	loggers := logging.NewDefaultLoggerFactory()
	loggers.DefaultLogLevel = level

	// One relay generator per listener: pion gives each listener an allocation manager of its own.
	udpRelays, err := relayGenerator(s)
	if err != nil {
		return err
	}
	tcpRelays, err := relayGenerator(s)
	if err != nil {
		return err
	}

	address := net.JoinHostPort(s.listen, strconv.Itoa(s.port))
	udp, err := net.ListenPacket("udp4", address)
	if err != nil {
		return err
	}
	tcp, err := net.Listen("tcp4", address)
	if err != nil {
		udp.Close()
		return err
	}

	keys := s.users.keys(s.realm)
	server, err := turn.NewServer(turn.ServerConfig{
		Realm:         s.realm,
		LoggerFactory: loggers,
		AuthHandler: func(username, realm string, source net.Addr) ([]byte, bool) {
			key, known := keys[username]
			return key, known
		},
		PacketConnConfigs: []turn.PacketConnConfig{{PacketConn: udp, RelayAddressGenerator: udpRelays}},
		ListenerConfigs:   []turn.ListenerConfig{{Listener: tcp, RelayAddressGenerator: tcpRelays}},
	})
	if err != nil {
		udp.Close()
		tcp.Close()
		return err
	}
	fmt.Printf("ready udp=%s tcp=%s\n", udp.LocalAddr(), tcp.Addr())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	reported := -1
	for {
		select {
		case <-stop:
			return server.Close()
		case <-ticker.C:
			if count := server.AllocationCount(); count != reported {
				fmt.Printf("allocations %d\n", count)
				reported = count
			}
		}
	}
}

func main() {
	if err := run(parse()); err != nil {
		fmt.Fprintln(os.Stderr, "pion-turn:", err)
		os.Exit(1)
	}
}
