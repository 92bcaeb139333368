"""--online: DNS and TLS checks, exercised only against a DNS stub and a TLS server started here on 127.0.0.1."""

from __future__ import annotations

import datetime
import socket
import ssl
import threading

import pytest

from vetter.engine.cases import base_files
from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.options import RunOptions
from vetter.model.package import package_from_files

dns = pytest.importorskip("dns.message")
trustme = pytest.importorskip("trustme")


class DnsStub:
    """Answers A queries from a table over UDP on 127.0.0.1 (NXDOMAIN for anything else)."""

    def __init__(self, table: dict[str, str]) -> None:

        self.table = table
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.address = self.sock.getsockname()
        self.queries: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        import dns.message
        import dns.rcode
        import dns.rdatatype
        import dns.rrset

        while not self.stop.is_set():
            try:
                wire, peer = self.sock.recvfrom(4096)
            except (TimeoutError, OSError):
                continue
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            question = query.question[0]
            name = question.name.to_text().rstrip(".")
            self.queries.append(f"{name} {dns.rdatatype.to_text(question.rdtype)}")
            if name not in self.table:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif question.rdtype == dns.rdatatype.A:
                response.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A", self.table[name]))
            self.sock.sendto(response.to_wire(), peer)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


class TlsServer:
    """Completes TLS handshakes on 127.0.0.1 with the given certificate, then closes."""

    def __init__(self, cert) -> None:
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(self.context)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.address = self.sock.getsockname()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            try:
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def online(monkeypatch, tmp_path):
    from vetter.security import online as mod

    ca = trustme.CA()
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    started = []

    def setup(table, cert_for=None, not_after=None):
        stub = DnsStub(table)
        started.append(stub)
        monkeypatch.setitem(mod.SETTINGS, "nameserver", stub.address)
        monkeypatch.setitem(mod.SETTINGS, "cafile", str(cafile))
        monkeypatch.setitem(mod.SETTINGS, "timeout", 2.0)
        monkeypatch.setitem(mod.SETTINGS, "deadline", None)  # each test is a run of its own: the whole budget
        if cert_for:
            server = TlsServer(ca.issue_cert(cert_for, not_after=not_after))
            started.append(server)
            monkeypatch.setitem(mod.SETTINGS, "connect", server.address)
        return stub

    yield setup
    for s in started:
        s.close()


CATALOG = discover(entry_points=False)


def scan_minimal(online_flag: bool, host: str = "api.contoso.com"):
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"api.contoso.com"', f'"{host}"'.encode())
    package = package_from_files("minimal", files, kind="folder")
    settings = Settings(select=["SEC"]).bind(CATALOG)
    return package, run_rules(package, CATALOG, settings, RunOptions(online=online_flag))


def test_dns_answer_in_a_private_range_is_a_finding_and_is_never_connected_to(online):
    stub = online({"api.contoso.com": "10.20.30.40"})
    package, result = scan_minimal(True)
    sec009 = [f for f in result.findings if f.rule == "SEC009"]
    assert [(f.pointer, f.message) for f in sec009] == [("/host", "'api.contoso.com' resolves to 10.20.30.40 (private) (--online DNS check).")]
    assert "api.contoso.com A" in stub.queries
    from vetter.security.profile import security_profile

    check = security_profile(package, RunOptions(online=True)).online.for_host("api.contoso.com")
    assert check.tls_status == "skipped"


def test_valid_certificate_passes_and_records_expiry(online):
    online({"api.contoso.com": "93.184.216.34"}, cert_for="api.contoso.com")
    package, result = scan_minimal(True)
    assert not [f for f in result.findings if f.rule in ("SEC008", "SEC009")]
    from vetter.report.export import profile_dict

    (check,) = profile_dict(package, RunOptions(online=True))["online"]["checks"]
    assert check["dns"] == {"status": "ok", "addresses": ["93.184.216.34"], "private": [], "cnames": [], "countries": {"93.184.216.34": "US"}, "cdn": None}
    assert check["tls"]["status"] == "ok" and check["tls"]["name_match"] is True and check["tls"]["days_left"] > 14


def test_certificate_for_another_name_is_a_finding(online):
    online({"api.contoso.com": "93.184.216.34"}, cert_for="other.example.net")
    _package, result = scan_minimal(True)
    (f,) = [f for f in result.findings if f.rule == "SEC008"]
    assert f.severity.value == "error" and "does not verify" in f.message and "mismatch" in f.message.lower()


def test_certificate_expiring_soon_is_a_warning(online):
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    online({"api.contoso.com": "93.184.216.34"}, cert_for="api.contoso.com", not_after=soon)
    _package, result = scan_minimal(True)
    (f,) = [f for f in result.findings if f.rule == "SEC008"]
    assert f.severity.value == "warning" and "expires" in f.message


def test_unknown_name_is_recorded_not_connected(online):
    online({})
    package, _result = scan_minimal(True)
    from vetter.security.profile import security_profile

    check = security_profile(package, RunOptions(online=True)).online.for_host("api.contoso.com")
    assert (check.dns_status, check.tls_status) == ("nxdomain", "skipped")


def test_no_socket_is_opened_without_online(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened without --online")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    package, result = scan_minimal(False)
    assert all(f.rule != "VET001" for f in result.findings)
    from vetter.report.export import profile_dict

    assert profile_dict(package)["online"] is None


# -- where the resolved address is registered (offline dataset, local resolver stub) ----------------
def test_the_dataset_knows_a_public_address_and_its_registered_country():
    from vetter.security.addresses import cdn_of, registered_country

    assert registered_country("193.0.6.139") == "NL"  # the RIPE NCC's own address block, Amsterdam
    assert registered_country("2001:67c:2e8:22::c100:68b") == "NL"  # RIPE NCC, IPv6
    assert registered_country("203.0.113.5") is None  # documentation range: registered to no country
    assert registered_country("not an address") is None
    assert (cdn_of("104.16.1.1"), cdn_of("151.101.1.1"), cdn_of("193.0.6.139")) == ("Cloudflare", "Fastly", None)
    assert cdn_of("52.1.2.3", ["d111111abcdef8.cloudfront.net"]) == "Amazon CloudFront"


def test_online_address_registered_country_is_medium_evidence_of_the_hosts_geography(online):
    stub = online({"api.contoso-widgets.com": "193.0.6.139"})
    package, result = scan_minimal(True, "api.contoso-widgets.com")
    from vetter.report.export import profile_dict
    from vetter.security.profile import security_profile

    assert "api.contoso-widgets.com A" in stub.queries
    (host,) = security_profile(package, RunOptions(online=True)).egress
    assert (host.geography, host.geography_strength) == ("NL", "medium")
    assert security_profile(package).egress[0].geography == "unknown"  # the offline profile is untouched
    residency = profile_dict(package, RunOptions(online=True))["egress"]["hosts"][0]["residency"]
    assert residency["strength"] == "medium" and residency["evidence"] == [
        {"kind": "address-registry", "strength": "medium", "geography": "NL", "source": "iptocc",
         "text": "193.0.6.139 registered to NL (Regional Internet Registry data; where the block is registered, not where the server stands)"}
    ]
    assert not [f for f in result.findings if f.rule == "VET001"]


def test_online_cdn_address_is_no_location_evidence(online):
    online({"api.contoso-widgets.com": "104.16.1.1"})
    package, _result = scan_minimal(True, "api.contoso-widgets.com")
    from vetter.security.profile import security_profile

    (host,) = security_profile(package, RunOptions(online=True)).egress
    assert (host.geography, host.geography_strength) == ("unknown", "none")
    (evidence,) = host.geo_evidence
    assert (evidence.kind, evidence.strength, evidence.geography) == ("cdn-address", "none", None)
    assert "Cloudflare, a CDN or anycast network" in evidence.text


def test_online_registration_that_contradicts_the_name_is_reported(online):
    online({"api.us.contoso-widgets.de": "193.0.6.139"})
    files = base_files("minimal")
    files["apiDefinition.swagger.json"] = files["apiDefinition.swagger.json"].replace(b'"api.contoso.com"', b'"api.us.contoso-widgets.de"')
    package = package_from_files("minimal", files, kind="folder")
    settings = Settings(select=["SEC021", "SEC014"]).bind(CATALOG)
    result = run_rules(package, CATALOG, settings, RunOptions(online=True, residency=("US",)))
    assert sorted((f.rule, f.severity.value) for f in result.findings) == [("SEC021", "warning")]
