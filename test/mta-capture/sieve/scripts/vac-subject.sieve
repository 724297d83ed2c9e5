require ["vacation"];
vacation :days 7 :subject "Out of Office: back on 14 December" :addresses ["vac-subject@dest.test"]
"Thank you for your message. I am currently on annual leave and will respond when I return.";
