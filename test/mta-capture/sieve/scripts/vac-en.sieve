require ["vacation"];
vacation :days 1 :addresses ["vac-en@dest.test"]
"Hello,

I am out of the office until Monday 14 December with no access to email.
For urgent matters please contact my colleague at helpdesk@dest.test.

Best regards,
Alex";
