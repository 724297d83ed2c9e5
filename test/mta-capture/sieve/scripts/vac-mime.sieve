require ["vacation"];
vacation :days 1 :subject "Automatic reply: out of office" :mime :addresses ["vac-mime@dest.test"]
"MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=\"AA-vac-mime\"

--AA-vac-mime
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

I am away until 14 December. Your message has not been forwarded.

--AA-vac-mime
Content-Type: text/html; charset=utf-8

<html><body><p>I am <b>away</b> until 14 December. Your message has not been forwarded.</p></body></html>

--AA-vac-mime--
";
