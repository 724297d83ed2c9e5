require ["vacation"];
vacation :days 1 :from "Sales Team <sales@dest.test>" :subject "Re: your enquiry" :handle "sales-ooo" :addresses ["vac-from@dest.test"]
"Our office is closed for the holidays until 4 January. We will answer your enquiry as soon as we are back.";
