<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>Notice</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="94"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="130"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="132"/>
        <source>Subtotal {amount}</source>
        <translation>Suma {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="135"/>
        <source>saved {amount}</source>
        <translation>oszczędność {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="137"/>
        <source>provisional points: {points}</source>
        <translation>wstępnie {points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="38"/>
        <source>Group: {name}</source>
        <translation>Grupa: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="39"/>
        <source>Daily limit: {used} of {limit} used</source>
        <translation>Limit dzienny: wykorzystano {used} z {limit}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="40"/>
        <source>Limited by the customer&apos;s discount allowance</source>
        <translation>Ograniczony pulą rabatu klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="41"/>
        <source>Discount: {name}</source>
        <translation>Rabat: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="42"/>
        <source>Voucher {code}</source>
        <translation>Voucher {code}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="43"/>
        <source>Promotional credits</source>
        <translation>Kredyty promocyjne</translation>
    </message>
</context>
<context>
    <name>BillsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="88"/>
        <source>Today&apos;s bills</source>
        <translation>Dzisiejsze rachunki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="94"/>
        <source>(voided)</source>
        <translation>(anulowany)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="104"/>
        <source>Reason for a void</source>
        <translation>Powód anulowania</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="108"/>
        <source>Reprint</source>
        <translation>Drukuj ponownie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="111"/>
        <source>Void (manager)</source>
        <translation>Anuluj rachunek (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="115"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="140"/>
        <source>This bill is already voided.</source>
        <translation>Ten rachunek jest już anulowany.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="143"/>
        <source>Give a reason for the void.</source>
        <translation>Podaj powód anulowania.</translation>
    </message>
</context>
<context>
    <name>CardNumberDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="109"/>
        <source>Card number</source>
        <translation>Numer karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="116"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="116"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>The number printed on the card</source>
        <translation>Numer wydrukowany na karcie</translation>
    </message>
    <message>
        <source>A card number has digits only (a code may hold A–F).</source>
        <translation>Numer karty ma tylko cyfry (kod może mieć też litery A–F).</translation>
    </message>
    <message>
        <source>A card number has 4 to 20 digits.</source>
        <translation>Numer karty ma od 4 do 20 cyfr.</translation>
    </message>
</context>
<context>
    <name>CustomerSearchDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="39"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="47"/>
        <source>Name, phone or e-mail</source>
        <translation>Imię i nazwisko, telefon lub e-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="59"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="63"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="95"/>
        <source>(deactivated)</source>
        <translation>(dezaktywowany)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="99"/>
        <source>{count} found</source>
        <translation>Znaleziono: {count}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="113"/>
        <source>Card {number}</source>
        <translation>Karta {number}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="116"/>
        <source>Credits {amount}</source>
        <translation>Kredyty {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="129"/>
        <source>0 found. Try the phone number, or the number on the card (Card no.).</source>
        <translation>Nikogo nie znaleziono. Spróbuj numeru telefonu albo numeru z karty (Nr karty).</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="133"/>
        <source>{count}+ more — keep typing</source>
        <translation>Jeszcze co najmniej {count} — pisz dalej</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/customer_dialog.py" line="134"/>
        <source>{count} more — keep typing</source>
        <translation>Jeszcze {count} — pisz dalej</translation>
    </message>
</context>
<context>
    <name>CustomerStrip</name>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="151"/>
        <source>Remove customer</source>
        <translation>Usuń klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="158"/>
        <source>No customer — tap a card or press Customer</source>
        <translation>Brak klienta — przyłóż kartę lub naciśnij Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="163"/>
        <source>group {name}</source>
        <translation>grupa {name}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="164"/>
        <source>credits {amount}</source>
        <translation>kredyty {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="165"/>
        <source>wallet {amount}</source>
        <translation>portfel {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="166"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="171"/>
        <source>limit left today {amount}</source>
        <translation>dziś pozostało z limitu {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/bill_panel.py" line="178"/>
        <source>allowance left {amount}</source>
        <translation>pozostało z puli rabatowej {amount}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation>Nr karty</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>Brak klienta</translation>
    </message>
    <message>
        <source>Tap a card or press Customer</source>
        <translation>Przyłóż kartę lub naciśnij Klient</translation>
    </message>
</context>
<context>
    <name>DiscountsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="32"/>
        <source>Discounts</source>
        <translation>Rabaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="70"/>
        <source>capped by the daily limit</source>
        <translation>ograniczony limitem dziennym</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="71"/>
        <source>capped by the customer&apos;s allowance</source>
        <translation>ograniczony pulą rabatu klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="72"/>
        <source>capped at what was left to pay</source>
        <translation>ograniczony do kwoty do zapłaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="73"/>
        <source>capped at the lines it covers</source>
        <translation>ograniczony do objętych pozycji</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="77"/>
        <source>on {base}</source>
        <translation>od {base}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="82"/>
        <source> (was {amount})</source>
        <translation> (było {amount})</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="87"/>
        <source>removed by the cashier</source>
        <translation>usunięty przez kasjera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="90"/>
        <source>not applied: {reason}</source>
        <translation>nie naliczono: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="99"/>
        <source>No discounts on this bill.</source>
        <translation>Brak rabatów na tym rachunku.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="36"/>
        <source>Restore credits</source>
        <translation>Przywróć kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="36"/>
        <source>Remove credits</source>
        <translation>Usuń kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="43"/>
        <source>Lift the daily limit for this bill (manager)</source>
        <translation>Znieś limit dzienny dla tego rachunku (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="47"/>
        <source>Discount on the whole bill:</source>
        <translation>Rabat na cały rachunek:</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="51"/>
        <source>None</source>
        <translation>Brak</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="60"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="104"/>
        <source>unknown code</source>
        <translation>nieznany kod</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="105"/>
        <source>already used</source>
        <translation>już wykorzystany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="106"/>
        <source>cancelled</source>
        <translation>anulowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="107"/>
        <source>not valid yet</source>
        <translation>jeszcze nieważny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="108"/>
        <source>expired</source>
        <translation>przeterminowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="109"/>
        <source>belongs to another customer</source>
        <translation>należy do innego klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="110"/>
        <source>already on this bill</source>
        <translation>już jest na tym rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/discounts_dialog.py" line="111"/>
        <source>the bill is below its minimum</source>
        <translation>rachunek poniżej minimalnej kwoty</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../pos_terminal/ui/keypad.py" line="79"/>
        <source>space</source>
        <translation>spacja</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="33"/>
        <source>{terminal}: enter your PIN</source>
        <translation>{terminal}: wpisz PIN</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="50"/>
        <source>Sign in</source>
        <translation>Zaloguj</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="44"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="45"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="46"/>
        <source>Name the bill</source>
        <translation>Nazwa rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="47"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/i18n.py" line="48"/>
        <source>The terminal could not start:
{error}</source>
        <translation>Nie udało się uruchomić terminala:
{error}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="53"/>
        <location filename="../../pos_terminal/ui/main_window.py" line="132"/>
        <source>{terminal} · cashier {cashier}</source>
        <translation>{terminal} · kasjer {cashier}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="55"/>
        <source>Reader: none</source>
        <translation>Czytnik: brak</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="91"/>
        <source>CRM: offline since {time}</source>
        <translation>CRM: offline od {time}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="94"/>
        <source>CRM: syncing {percent} %</source>
        <translation>CRM: synchronizacja {percent} %</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="99"/>
        <source>CRM: not configured</source>
        <translation>CRM: nieskonfigurowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="100"/>
        <source>CRM: connecting…</source>
        <translation>CRM: łączenie…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="101"/>
        <source>CRM: synced</source>
        <translation>CRM: zsynchronizowano</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="103"/>
        <source>CRM: online</source>
        <translation>CRM: online</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="104"/>
        <source>CRM: syncing</source>
        <translation>CRM: synchronizacja</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="105"/>
        <source>CRM: sync blocked, enrol again</source>
        <translation>CRM: synchronizacja zablokowana, zarejestruj kasę ponownie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="113"/>
        <source>{count} waiting</source>
        <translation>oczekuje {count}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="115"/>
        <source>{count} rejected (Menu)</source>
        <translation>{count} odrzuconych (Menu)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="118"/>
        <source>clock off by {minutes} min</source>
        <translation>zegar przesunięty o {minutes} min</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="137"/>
        <source>connected</source>
        <translation>podłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="138"/>
        <source>unplugged</source>
        <translation>odłączony</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="139"/>
        <source>no permission</source>
        <translation>brak uprawnień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="140"/>
        <source>library missing</source>
        <translation>brak biblioteki</translation>
    </message>
    <message>
        <source>looking for one</source>
        <translation>wyszukiwanie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="142"/>
        <source>Reader: {state}</source>
        <translation>Czytnik: {state}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Voucher code</source>
        <translation>Kod vouchera</translation>
    </message>
    <message>
        <source>Type or scan the voucher&apos;s code.</source>
        <translation>Wpisz lub zeskanuj kod vouchera.</translation>
    </message>
    <message>
        <source>{terminal} · nobody signed in</source>
        <translation>{terminal} · nikt nie jest zalogowany</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>sprawdzanie…</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>gotowa</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>brak papieru</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>otwarta pokrywa</translation>
    </message>
    <message>
        <source>receipt open</source>
        <translation>otwarty paragon</translation>
    </message>
    <message>
        <source>daily report due</source>
        <translation>brak raportu dobowego</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>nie odpowiada</translation>
    </message>
    <message>
        <source>Fiscal: {state}</source>
        <translation>Fiskalna: {state}</translation>
    </message>
    <message>
        <source>Checking the fiscal printer…</source>
        <translation>Sprawdzanie drukarki fiskalnej…</translation>
    </message>
</context>
<context>
    <name>ManagerPinDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="60"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="62"/>
        <source>A manager&apos;s PIN is needed to {action}.</source>
        <translation>Aby {action}, potrzebny jest PIN kierownika.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="71"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="71"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>MenuDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="31"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="34"/>
        <source>Today&apos;s bills (reprint, void)</source>
        <translation>Dzisiejsze rachunki (duplikat, anulowanie)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="35"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="36"/>
        <source>Close the shift (Z report)</source>
        <translation>Zamknij zmianę (raport Z)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="37"/>
        <source>Staff (manager)</source>
        <translation>Personel (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="38"/>
        <source>Settings (manager)</source>
        <translation>Ustawienia (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="39"/>
        <source>CRM sync (manager)</source>
        <translation>Synchronizacja z CRM (kierownik)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="40"/>
        <source>Sign out</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="46"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Close the terminal (manager)</source>
        <translation>Zamknij terminal (kierownik)</translation>
    </message>
    <message>
        <source>Open the cash drawer (manager)</source>
        <translation>Otwórz szufladę (kierownik)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="14"/>
        <source>The database {database} is already open in another terminal process (pid {holder}). Close that terminal first, or give this one its own database file.</source>
        <translation>Baza danych {database} jest już otwarta przez inny proces terminala (pid {holder}). Najpierw zamknij tamten terminal albo daj temu osobny plik bazy.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="18"/>
        <source>The database {path} was written by a newer version of the terminal (schema {current}; this version knows up to {head}). Install the newer version; this one will not open it, so nothing in it is put at risk.</source>
        <translation>Baza danych {path} została zapisana przez nowszą wersję terminala (schemat {current}; ta wersja zna schematy do {head}). Zainstaluj nowszą wersję; ta jej nie otworzy, więc dane w niej nie są zagrożone.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="22"/>
        <source>The database {path} is missing or empty, but this folder holds what the terminal wrote ({traces}): a new one would start the receipt numbers over. Restore the newest backup ({backup}) to {path}, or move the folder away to start a new terminal on purpose.</source>
        <translation>Brakuje bazy {path} albo jest pusta, a w tym folderze są dane zapisane przez terminal ({traces}): nowa baza zaczęłaby numerację paragonów od nowa. Przywróć najnowszą kopię zapasową ({backup}) jako {path} albo przenieś folder, jeśli celowo uruchamiasz nowy terminal.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="26"/>
        <source>Upgrading {path} to {head} failed: {error}{where}</source>
        <translation>Aktualizacja bazy {path} do {head} nie powiodła się: {error}{where}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="27"/>
        <source>The database {path} is damaged ({problem}); the terminal will not sell on it. Restore the newest backup ({backup}) to {path}, or move the file aside and start again to take the CRM&apos;s data anew.</source>
        <translation>Baza {path} jest uszkodzona ({problem}); terminal nie będzie na niej sprzedawał. Przywróć najnowszą kopię zapasową ({backup}) jako {path} albo odsuń plik i uruchom terminal ponownie, aby pobrać dane z CRM od nowa.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="27"/>
        <source>The terminal cannot write to {where}: it is read-only for the user running the terminal. Give that user write access to it (or move the data folder somewhere writable), then start the terminal again.</source>
        <translation>Terminal nie może zapisywać w {where}: to miejsce jest tylko do odczytu dla użytkownika, który uruchamia terminal. Nadaj temu użytkownikowi prawo zapisu (albo przenieś folder danych w miejsce, gdzie można pisać) i uruchom terminal ponownie.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="27"/>
        <source>The receipt {number} could not be printed ({reason}). The bill is closed: print it again from the Menu, today&apos;s bills, once that is fixed.</source>
        <translation>Nie udało się wydrukować paragonu {number} ({reason}). Rachunek jest zamknięty: wydrukuj go ponownie z Menu, dzisiejsze rachunki, gdy problem zostanie usunięty.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="23"/>
        <source>foreign key check failed after upgrade: {problems}</source>
        <translation>po aktualizacji kontrola kluczy obcych wykryła błędy: {problems}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="40"/>
        <source>The backup of {path} could not be written: {reason}</source>
        <translation>Nie udało się zapisać kopii zapasowej {path}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="42"/>
        <source>The backup of {path} failed its check and was removed: {reason}</source>
        <translation>Kopia zapasowa {path} nie przeszła kontroli i została usunięta: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="24"/>
        <source>bill {bill} is already {status}</source>
        <translation>rachunek {bill} ma już stan {status}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="25"/>
        <source>bill {bill} is not an open bill</source>
        <translation>rachunek {bill} nie jest otwartym rachunkiem</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="26"/>
        <source>only a closed bill can be voided; this one is {state}</source>
        <translation>anulować można tylko zamknięty rachunek; ten ma stan {state}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="27"/>
        <source>a shift is already open: close it with a Z report first</source>
        <translation>zmiana jest już otwarta: najpierw zamknij ją raportem Z</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="28"/>
        <source>this shift is not open</source>
        <translation>ta zmiana nie jest otwarta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="29"/>
        <source>this PIN is already in use: choose another one</source>
        <translation>ten PIN jest już używany: wybierz inny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="30"/>
        <source>{product}: quantity must be a whole number, at least 1</source>
        <translation>{product}: ilość musi być liczbą całkowitą, co najmniej 1</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="31"/>
        <source>two lines of a bill share an id</source>
        <translation>dwie pozycje rachunku mają ten sam identyfikator</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="32"/>
        <source>weekdays must be 0 (Monday) … 6 (Sunday): {weekdays}</source>
        <translation>dni tygodnia to 0 (poniedziałek) … 6 (niedziela): {weekdays}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="33"/>
        <source>an hour window needs both a start and an end</source>
        <translation>przedział godzin wymaga początku i końca</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="34"/>
        <source>cashback {name}: set a percentage, a fixed amount or both</source>
        <translation>cashback {name}: podaj procent, stałą kwotę albo jedno i drugie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="35"/>
        <source>cashback {name}: {percent} % is not between 0 and 100</source>
        <translation>cashback {name}: {percent}% nie mieści się między 0 a 100</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="36"/>
        <source>cashback {name}: amounts cannot be negative</source>
        <translation>cashback {name}: kwoty nie mogą być ujemne</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="37"/>
        <source>VAT rate {percent!r} is not a percentage</source>
        <translation>stawka VAT „{percent}” nie jest procentem</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="38"/>
        <source>a product needs a name</source>
        <translation>produkt musi mieć nazwę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="39"/>
        <source>{name}: a price cannot be negative</source>
        <translation>{name}: cena nie może być ujemna</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="40"/>
        <source>phone {text!r} may only hold digits, spaces, dashes and a leading +</source>
        <translation>telefon „{text}” może zawierać tylko cyfry, spacje, myślniki i + na początku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="66"/>
        <source>phone {text!r} is not a number in use</source>
        <translation>telefon {text!r} nie jest używanym numerem</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="45"/>
        <source>e-mail {text!r} is not an address like name@example.pl</source>
        <translation>e-mail „{text}” nie jest adresem w rodzaju jan@example.pl</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="46"/>
        <source>group name {name!r} has no letters or digits for a reference</source>
        <translation>nazwa grupy „{name}” nie ma liter ani cyfr, z których powstałby identyfikator</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="55"/>
        <source>no control characters (tabs, line breaks) in a field</source>
        <translation>pole nie może zawierać znaków sterujących (tabulatorów, podziałów wiersza)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="56"/>
        <source>at most {count} characters</source>
        <translation>najwyżej {count} znaków</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="57"/>
        <source>at most {count} tags</source>
        <translation>najwyżej {count} tagów</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="47"/>
        <source>NIP {text!r} must have 10 digits</source>
        <translation>NIP „{text}” musi mieć 10 cyfr</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="48"/>
        <source>NIP {text!r} has a wrong check digit</source>
        <translation>NIP „{text}” ma błędną cyfrę kontrolną</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="57"/>
        <source>NIP {text!r} is not a real NIP (all digits the same)</source>
        <translation>NIP „{text}” nie jest prawdziwym numerem (wszystkie cyfry takie same)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="49"/>
        <source>a customer needs a name</source>
        <translation>klient musi mieć nazwę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="50"/>
        <source>group reference {reference!r} is not a slug</source>
        <translation>identyfikator grupy „{reference}” zawiera niedozwolone znaki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="51"/>
        <source>group {name}: the daily limit cannot be negative</source>
        <translation>grupa {name}: limit dzienny nie może być ujemny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="52"/>
        <source>{name}: a percent discount needs a percentage only</source>
        <translation>{name}: rabat procentowy wymaga wyłącznie procentu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="53"/>
        <source>{name}: {percent} % is not between 0 and 100</source>
        <translation>{name}: {percent}% nie mieści się między 0 a 100</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="54"/>
        <source>{name}: an amount discount needs an amount only</source>
        <translation>{name}: rabat kwotowy wymaga wyłącznie kwoty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="55"/>
        <source>{name}: the amount must be above zero</source>
        <translation>{name}: kwota musi być większa od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="56"/>
        <source>cannot allocate an amount over no parts</source>
        <translation>nie można rozdzielić kwoty na zero części</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="57"/>
        <source>cannot combine {currency} with {other}</source>
        <translation>nie można łączyć {currency} z {other}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="58"/>
        <source>{text!r} is not an amount (write it as 12,50)</source>
        <translation>„{text}” to nie kwota (wpisz np. 12,50)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="59"/>
        <source>unknown currency code {currency!r}</source>
        <translation>nieznany kod waluty „{currency}”</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="60"/>
        <source>discount {discount_id!r} is not known on this terminal</source>
        <translation>rabat „{discount_id}” nie jest znany na tym terminalu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="61"/>
        <source>discount {name!r} cannot be chosen at the terminal</source>
        <translation>rabatu „{name}” nie można wybrać na terminalu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="62"/>
        <source>the customer&apos;s state belongs to another customer than the bill&apos;s</source>
        <translation>stan klienta dotyczy innego klienta niż ten na rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="65"/>
        <source>{product} is priced in {priced_in}, not {currency}</source>
        <translation>{product} ma cenę w {priced_in}, nie w {currency}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="66"/>
        <source>Only a manager can {action} ({name} is signed in as a cashier)</source>
        <translation>Tylko kierownik może to zrobić (zalogowano: {name}, kasjer)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="67"/>
        <source>a PIN is {shortest} to {longest} digits</source>
        <translation>PIN ma od {shortest} do {longest} cyfr</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="88"/>
        <source>a manager&apos;s PIN has at least {digits} digits</source>
        <translation>PIN kierownika ma co najmniej {digits} cyfr</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="68"/>
        <source>a staff member needs a name</source>
        <translation>pracownik musi mieć imię i nazwisko</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="69"/>
        <source>card and wallet payments ({non_cash}) cannot exceed the amount due ({payable})</source>
        <translation>płatności kartą i portfelem ({non_cash}) nie mogą przekroczyć kwoty do zapłaty ({payable})</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="72"/>
        <source>the wallet holds {wallet_available}, not {asked}</source>
        <translation>w portfelu jest {wallet_available}, a nie {asked}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="73"/>
        <source>a {kind} payment must be above zero</source>
        <translation>kwota płatności musi być większa od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="74"/>
        <source>a voucher code cannot be empty</source>
        <translation>kod vouchera nie może być pusty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="75"/>
        <source>voucher {code}: needs an amount above zero</source>
        <translation>voucher {code}: kwota musi być większa od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="76"/>
        <source>voucher {code}: needs a percentage between 0 and 100</source>
        <translation>voucher {code}: procent musi być między 0 a 100</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="77"/>
        <source>{left} is still to pay</source>
        <translation>pozostało do zapłaty: {left}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="78"/>
        <source>customer {customer} is not in this terminal&apos;s cache</source>
        <translation>klienta {customer} nie ma w danych tego terminala</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="79"/>
        <source>this customer is not on this terminal</source>
        <translation>tego klienta nie ma na tym terminalu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="80"/>
        <source>this card already belongs to a customer</source>
        <translation>ta karta należy już do klienta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="81"/>
        <source>this card cannot be read: {reason}</source>
        <translation>nie można odczytać tej karty: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="82"/>
        <source>this bill is not a closed bill of this terminal</source>
        <translation>to nie jest zamknięty rachunek tego terminala</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="83"/>
        <source>the cash float must be a whole number of grosze, not below zero</source>
        <translation>stan początkowy kasy musi być całkowitą liczbą groszy, nie mniejszą od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="86"/>
        <source>no such shift on this terminal</source>
        <translation>nie ma takiej zmiany na tym terminalu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="87"/>
        <source>a Z report is taken by closing the shift</source>
        <translation>raport Z powstaje przy zamknięciu zmiany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="88"/>
        <source>no shift is open</source>
        <translation>żadna zmiana nie jest otwarta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="89"/>
        <source>say why the bill is voided</source>
        <translation>podaj powód anulowania rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="90"/>
        <source>bill {number} belongs to a shift closed with its Z report</source>
        <translation>rachunek {number} należy do zmiany zamkniętej raportem Z</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="91"/>
        <source>Wrong PIN</source>
        <translation>Nieprawidłowy PIN</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="112"/>
        <source>Too many wrong PINs: the next try in {seconds} s, or a manager&apos;s PIN now</source>
        <translation>Zbyt wiele błędnych PIN-ów: następna próba za {seconds} s albo teraz PIN kierownika</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="92"/>
        <source>some details need correcting: {fields}</source>
        <translation>niektóre dane wymagają poprawy: {fields}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="93"/>
        <source>no such active staff member on this terminal</source>
        <translation>na tym terminalu nie ma takiego aktywnego pracownika</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="94"/>
        <source>you cannot deactivate yourself: ask another manager</source>
        <translation>nie możesz dezaktywować samego siebie: poproś innego kierownika</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="95"/>
        <source>the terminal needs at least one active manager</source>
        <translation>terminal musi mieć co najmniej jednego aktywnego kierownika</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="96"/>
        <source>a name is required</source>
        <translation>imię i nazwisko są wymagane</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="97"/>
        <source>{phone} already belongs to {owner}</source>
        <translation>numer {phone} ma już klient {owner}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="98"/>
        <source>this group is not known on the terminal</source>
        <translation>ta grupa nie jest znana na tym terminalu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="99"/>
        <source>offline allowances are whole grosze, not below zero</source>
        <translation>limity offline to całe grosze, nie mniej niż zero</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="100"/>
        <source>a hold lasts 1 minute to 1 day</source>
        <translation>blokada trwa od 1 minuty do 1 dnia</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="101"/>
        <source>credits and wallet cannot be used while the CRM is offline</source>
        <translation>kredytów i portfela nie można użyć, gdy CRM jest niedostępny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="102"/>
        <source>offline, at most {allowed} of credits and wallet on one bill</source>
        <translation>bez połączenia z CRM najwyżej {allowed} z kredytów i portfela na jeden rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="103"/>
        <source>offline, at most {allowed} of credits and wallet for this customer until the till syncs</source>
        <translation>bez połączenia z CRM najwyżej {allowed} z kredytów i portfela dla tego klienta do synchronizacji kasy</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="107"/>
        <source>offline, at most {allowed} of credits and wallet on this till today</source>
        <translation>bez połączenia z CRM najwyżej {allowed} z kredytów i portfela na tej kasie dzisiaj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="110"/>
        <source>the CRM has only {credits} of credits and {wallet} in the wallet for this customer now (spent at another till?)</source>
        <translation>CRM ma teraz dla tego klienta tylko {credits} kredytów i {wallet} w portfelu (wydane na innej kasie?)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="114"/>
        <source>op {number} is not waiting for a decision</source>
        <translation>operacja {number} nie czeka na decyzję</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="115"/>
        <source>this is not a CRM address: {reason}</source>
        <translation>to nie jest adres CRM: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="116"/>
        <source>type the enrolment code the CRM&apos;s owner gave you</source>
        <translation>wpisz kod rejestracji otrzymany od właściciela CRM</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="117"/>
        <source>the CRM cannot be reached: {reason}</source>
        <translation>brak połączenia z CRM: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="118"/>
        <source>the CRM refused the code: {reason}</source>
        <translation>CRM odrzucił kod: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="119"/>
        <source>voucher {code} can be used only while the CRM answers</source>
        <translation>bonu {code} można użyć tylko przy połączeniu z CRM</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/error_messages.py" line="120"/>
        <source>voucher {code} cannot be used: {reason}</source>
        <translation>bonu {code} nie można użyć: {reason}</translation>
    </message>
    <message>
        <source>a manager&apos;s PIN is needed to put a customer in {group}</source>
        <translation>do grupy {group} klienta może dodać tylko kierownik: potrzebny jego PIN</translation>
    </message>
    <message>
        <source>{name} is not a manager</source>
        <translation>{name} nie jest kierownikiem</translation>
    </message>
    <message>
        <source>Unexpected error (reference {reference}). The terminal&apos;s log has the details; tell whoever looks after the terminal.</source>
        <translation>Nieoczekiwany błąd (numer {reference}). Szczegóły są w dzienniku terminalu; przekaż ten numer osobie, która opiekuje się terminalem.</translation>
    </message>
    <message>
        <source>{text!r} is too large an amount</source>
        <translation>„{text}” to zbyt duża kwota</translation>
    </message>
    <message>
        <source>A tender of {amount} is above the limit of {limit}; a manager can raise the limit in Settings</source>
        <translation>Płatność {amount} przekracza limit {limit}; kierownik może podnieść limit w Ustawieniach</translation>
    </message>
    <message>
        <source>A cash float of {amount} is above the limit of {limit}; a manager can raise the limit in Settings</source>
        <translation>Pogotowie kasowe {amount} przekracza limit {limit}; kierownik może podnieść limit w Ustawieniach</translation>
    </message>
    <message>
        <source>No cash drawer is set up: it opens through the receipt printer (Settings, Printer).</source>
        <translation>Nie ustawiono szuflady na pieniądze: otwiera ją drukarka paragonów (Ustawienia, Drukarka).</translation>
    </message>
    <message>
        <source>a fiscal receipt needs at least one line</source>
        <translation>paragon fiskalny musi mieć co najmniej jedną pozycję</translation>
    </message>
    <message>
        <source>a fiscal receipt takes at most {limit} lines</source>
        <translation>paragon fiskalny mieści najwyżej {limit} pozycji</translation>
    </message>
    <message>
        <source>bill {bill} is not open</source>
        <translation>rachunek {bill} nie jest otwarty</translation>
    </message>
    <message>
        <source>change of {change} does not match the cash paid</source>
        <translation>reszta {change} nie zgadza się z wpłaconą gotówką</translation>
    </message>
    <message>
        <source>payments of {paid} do not cover {total}</source>
        <translation>płatności {paid} nie pokrywają kwoty {total}</translation>
    </message>
    <message>
        <source>the fiscal printer has no active {percent} % rate ({name})</source>
        <translation>drukarka fiskalna nie ma aktywnej stawki {percent} % ({name})</translation>
    </message>
    <message>
        <source>the lines come to {lines}, not {total}</source>
        <translation>pozycje dają {lines}, a nie {total}</translation>
    </message>
    <message>
        <source>this bill's fiscal receipt is registered already</source>
        <translation>paragon fiskalny tego rachunku jest już zarejestrowany</translation>
    </message>
    <message>
        <source>'{name}' is not a name a fiscal printer takes</source>
        <translation>drukarka fiskalna nie przyjmie nazwy '{name}'</translation>
    </message>
    <message>
        <source>{name}: a discount of {discount} leaves nothing of {value}; a fiscal printer refuses a line of zero</source>
        <translation>{name}: rabat {discount} nie zostawia nic z {value}; drukarka fiskalna nie przyjmie pozycji o wartości zero</translation>
    </message>
    <message>
        <source>{name}: price and quantity must be above zero</source>
        <translation>{name}: cena i ilość muszą być większe od zera</translation>
    </message>
    <message>
        <source>{name}: {price} × {quantity} is not {value}</source>
        <translation>{name}: {price} × {quantity} to nie {value}</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="74"/>
        <location filename="../../pos_terminal/ui/login_view.py" line="86"/>
        <source>Open shift</source>
        <translation>Otwórz zmianę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="76"/>
        <source>{name}, count the cash float in the drawer:</source>
        <translation>{name}, policz pogotowie kasowe w szufladzie:</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="102"/>
        <source>The float cannot be negative</source>
        <translation>Pogotowie kasowe nie może być ujemne</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/login_view.py" line="104"/>
        <source>Open shift with {amount}</source>
        <translation>Otwórz zmianę z kwotą {amount}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="29"/>
        <source>Payment</source>
        <translation>Płatność</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="50"/>
        <source>Clear payments</source>
        <translation>Wyczyść płatności</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="52"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="54"/>
        <source>Finish</source>
        <translation>Zakończ</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="66"/>
        <source>Exact</source>
        <translation>Odliczone</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="76"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="77"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="79"/>
        <source>Wallet ({amount})</source>
        <translation>Portfel ({amount})</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="106"/>
        <source>Type an amount like 12,50</source>
        <translation>Wpisz kwotę, np. 12,50</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="113"/>
        <source>The amount must be above zero</source>
        <translation>Kwota musi być większa od zera</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="117"/>
        <source>Card and wallet cannot pay more than is due; change comes from cash</source>
        <translation>Karta i portfel nie mogą przekroczyć kwoty do zapłaty; reszta tylko z gotówki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="123"/>
        <source>The wallet holds only {amount}</source>
        <translation>W portfelu jest tylko {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="151"/>
        <source>To pay: {amount}</source>
        <translation>Do zapłaty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="153"/>
        <source>cash</source>
        <translation>gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="153"/>
        <source>card</source>
        <translation>karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="154"/>
        <source>wallet</source>
        <translation>portfel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="156"/>
        <source>Paid: {list}</source>
        <translation>Zapłacono: {list}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="159"/>
        <source>Remaining: {amount}</source>
        <translation>Pozostało: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/payment_dialog.py" line="163"/>
        <source>Change: {amount}</source>
        <translation>Reszta: {amount}</translation>
    </message>
</context>
<context>
    <name>QuickAddDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="44"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="53"/>
        <source>Name *</source>
        <translation>Imię i nazwisko *</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="54"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="55"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="56"/>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="57"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="76"/>
        <source>Group</source>
        <translation>Grupa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="79"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="79"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/quick_add_dialog.py" line="97"/>
        <source>No group</source>
        <translation>Bez grupy</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>PIN kierownika</translation>
    </message>
    <message>
        <source>{group}
(manager)</source>
        <translation>{group}
(kierownik)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="154"/>
        <source>Z report</source>
        <translation>Raport Z</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="154"/>
        <source>X report</source>
        <translation>Raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="159"/>
        <source>group</source>
        <translation>grupa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="160"/>
        <source>manual</source>
        <translation>ręczny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="161"/>
        <source>voucher</source>
        <translation>voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="164"/>
        <source>Shift of</source>
        <translation>Zmiana</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="165"/>
        <source>Cash float</source>
        <translation>Pogotowie kasowe</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="166"/>
        <source>Bills</source>
        <translation>Rachunki</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="167"/>
        <source>Voided</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="168"/>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="171"/>
        <source>Discounts: {source}</source>
        <translation>Rabaty: {source}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="176"/>
        <source>Credits used</source>
        <translation>Wykorzystane kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="178"/>
        <source>Net sales</source>
        <translation>Sprzedaż</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="178"/>
        <source>Cash</source>
        <translation>Gotówka</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="179"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="180"/>
        <source>Wallet</source>
        <translation>Portfel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="181"/>
        <source>Change given</source>
        <translation>Wydana reszta</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="182"/>
        <source>Expected cash in drawer</source>
        <translation>Gotówka w szufladzie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="183"/>
        <source>Points issued</source>
        <translation>Przyznane punkty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="178"/>
        <source>Sold by {cashier} ({bills})</source>
        <translation>Kasjer: {cashier} ({bills} rach.)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="180"/>
        <source>unknown</source>
        <translation>nieznany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="184"/>
        <source>Credits issued</source>
        <translation>Przyznane kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="194"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="197"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>SalePresenter</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_presenter.py" line="236"/>
        <source>The receipt did not print: {error}</source>
        <translation>Paragon się nie wydrukował: {error}</translation>
    </message>
    <message>
        <source>Another bill's receipt may have been printed: open that bill and press Retry first.</source>
        <translation>Paragon innego rachunku mógł zostać wydrukowany: najpierw otwórz tamten rachunek i naciśnij Ponów.</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="189"/>
        <source>Receipt {number} closed: {amount}</source>
        <translation>Paragon {number} zamknięty: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="166"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="167"/>
        <source>Card no.</source>
        <translation>Nr karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="168"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="169"/>
        <location filename="../../pos_terminal/ui/sale_view.py" line="284"/>
        <source>Remove credits</source>
        <translation>Usuń kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="170"/>
        <source>Discounts</source>
        <translation>Rabaty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="179"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="253"/>
        <source>Bill</source>
        <translation>Rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="259"/>
        <source>+ New bill</source>
        <translation>+ Nowy rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="263"/>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="269"/>
        <source>Simulate card tap</source>
        <translation>Symuluj przyłożenie karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="273"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="284"/>
        <source>Restore credits</source>
        <translation>Przywróć kredyty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="296"/>
        <source>The card of {name} is blocked.</source>
        <translation>Karta klienta {name} jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="297"/>
        <source>The card of {name} has expired.</source>
        <translation>Karta klienta {name} straciła ważność.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="299"/>
        <source>This read fits several cards; ask for the card number.</source>
        <translation>Odczyt pasuje do kilku kart; poproś o numer karty.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="301"/>
        <source>The reader sent something that is not a card.</source>
        <translation>Czytnik odczytał coś, co nie jest kartą.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="302"/>
        <source>{name} is deactivated.</source>
        <translation>Konto klienta {name} jest dezaktywowane.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="303"/>
        <source>This customer is not on this terminal.</source>
        <translation>Tego klienta nie ma na tym terminalu.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="310"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="311"/>
        <source>Existing customer</source>
        <translation>Istniejący klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="313"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="322"/>
        <source>Replace {old} with {new} on this bill?</source>
        <translation>Zamienić klienta {old} na {new} w tym rachunku?</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="325"/>
        <source>Replace</source>
        <translation>Zamień</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sale_view.py" line="326"/>
        <source>Keep</source>
        <translation>Zostaw</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Paragon wydrukowano.</translation>
    </message>
    <message>
        <source>Credits: no customer</source>
        <translation>Kredyty: brak klienta</translation>
    </message>
    <message>
        <source>No credits</source>
        <translation>Brak kredytów</translation>
    </message>
    <message>
        <source>No card {code} is known on this terminal. Give it to a customer?</source>
        <translation>Karta {code} nie jest znana na tym terminalu. Przypisać ją klientowi?</translation>
    </message>
    <message>
        <source>No card {code} is known on this terminal.</source>
        <translation>Karta {code} nie jest znana na tym terminalu.</translation>
    </message>
    <message>
        <source>Pay {amount}</source>
        <translation>Zapłać {amount}</translation>
    </message>
    <message>
        <source>Receipt {number} printed.</source>
        <translation>Paragon {number} wydrukowano.</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Kredyty</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="211"/>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="213"/>
        <source>Language of the terminal (after a restart):</source>
        <translation>Język terminala (po ponownym uruchomieniu):</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/manager_dialogs.py" line="222"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>The largest amount a cashier may type (zł):</source>
        <translation>Największa kwota, jaką kasjer może wpisać (zł):</translation>
    </message>
    <message>
        <source>One tender</source>
        <translation>Jedna płatność</translation>
    </message>
    <message>
        <source>The cash float</source>
        <translation>Pogotowie kasowe</translation>
    </message>
    <message>
        <source>Save the limits</source>
        <translation>Zapisz limity</translation>
    </message>
    <message>
        <source>A limit must be above zero</source>
        <translation>Limit musi być większy od zera</translation>
    </message>
    <message>
        <source>Beep when a card is read</source>
        <translation>Sygnał dźwiękowy po odczycie karty</translation>
    </message>
    <message>
        <source>Card reader…</source>
        <translation>Czytnik kart…</translation>
    </message>
    <message>
        <source>Printer…</source>
        <translation>Drukarka…</translation>
    </message>
</context>
<context>
    <name>ReaderFoundDialog</name>
    <message>
        <source>Card reader found</source>
        <translation>Znaleziono czytnik kart</translation>
    </message>
    <message>
        <source>Card reader found: {name} — use it?</source>
        <translation>Znaleziono czytnik kart: {name} — używać go?</translation>
    </message>
    <message>
        <source>It read card {code}.</source>
        <translation>Odczytał kartę {code}.</translation>
    </message>
    <message>
        <source>From then on the terminal reads cards from this device alone, and what it types no longer reaches the screen. A manager confirms once.</source>
        <translation>Od tej chwili terminal odczytuje karty tylko z tego urządzenia, a to, co ono wpisuje, nie trafia już na ekran. Kierownik potwierdza to raz.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nie teraz</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>Używaj go</translation>
    </message>
</context>
<context>
    <name>CardReaderDialog</name>
    <message>
        <source>Card reader</source>
        <translation>Czytnik kart</translation>
    </message>
    <message>
        <source>Tap a card to test.</source>
        <translation>Przyłóż kartę, aby sprawdzić.</translation>
    </message>
    <message>
        <source>Use this reader</source>
        <translation>Używaj tego czytnika</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>No card reader is set up: the terminal is looking for one. Tap a card on the reader to find it.</source>
        <translation>Nie ustawiono czytnika kart: terminal go szuka. Przyłóż kartę do czytnika, aby go znaleźć.</translation>
    </message>
    <message>
        <source>Reader: {name}</source>
        <translation>Czytnik: {name}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>podłączony</translation>
    </message>
    <message>
        <source>unplugged</source>
        <translation>odłączony</translation>
    </message>
    <message>
        <source>no permission</source>
        <translation>brak uprawnień</translation>
    </message>
    <message>
        <source>library missing</source>
        <translation>brak biblioteki</translation>
    </message>
    <message>
        <source>looking for a reader</source>
        <translation>szukanie czytnika</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>uruchamianie…</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Stan: {state}</translation>
    </message>
    <message>
        <source>The terminal may not open the card reader. Cards it types still arrive, through the keyboard. To let the terminal read it directly, install the udev rule {rule} with the reader's VID:PID and plug the reader in again (docs/card-readers.md).</source>
        <translation>Terminal nie ma uprawnień do otwarcia czytnika kart. Karty, które wpisuje, nadal docierają przez klawiaturę. Aby terminal odczytywał go bezpośrednio, zainstaluj regułę udev {rule} z VID:PID czytnika i podłącz czytnik ponownie (docs/card-readers.md).</translation>
    </message>
    <message>
        <source>A library the terminal needs to open readers is missing. Cards a reader types still arrive, through the keyboard.</source>
        <translation>Brakuje biblioteki, której terminal potrzebuje do otwierania czytników. Karty wpisywane przez czytnik nadal docierają przez klawiaturę.</translation>
    </message>
    <message>
        <source>Card {code} read.</source>
        <translation>Odczytano kartę {code}.</translation>
    </message>
    <message>
        <source>At {time}, typed as a keyboard: the terminal does not read this reader directly.</source>
        <translation>O {time}, wpisana jak z klawiatury: terminal nie odczytuje tego czytnika bezpośrednio.</translation>
    </message>
    <message>
        <source>At {time}, from {source}.</source>
        <translation>O {time}, z {source}.</translation>
    </message>
    <message>
        <source>Found: {name}, which read card {code}.</source>
        <translation>Znaleziono: {name}, odczytał kartę {code}.</translation>
    </message>
</context>
<context>
    <name>ReaderSetup</name>
    <message>
        <source>use this card reader</source>
        <translation>używać tego czytnika kart</translation>
    </message>
    <message>
        <source>Card reader set up: {name}. Tap a card to check it.</source>
        <translation>Czytnik kart ustawiony: {name}. Przyłóż kartę, aby go sprawdzić.</translation>
    </message>
</context>
<context>
    <name>ShiftMenu</name>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="84"/>
        <source>see the X report</source>
        <translation>zobaczyć raport X</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="90"/>
        <source>close the shift</source>
        <translation>zamknąć zmianę</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="92"/>
        <source>manage staff</source>
        <translation>zarządzać personelem</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="94"/>
        <source>change settings</source>
        <translation>zmienić ustawienia</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="97"/>
        <source>see the ops the CRM refused</source>
        <translation>zobaczyć operacje odrzucone przez CRM</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="111"/>
        <source>Enrolled: this terminal now syncs with the CRM.</source>
        <translation>Zarejestrowano: kasa synchronizuje się teraz z CRM.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="199"/>
        <source>lift the daily limit</source>
        <translation>znieść limit dzienny</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="217"/>
        <source>{name} is not a manager.</source>
        <translation>{name} nie jest kierownikiem.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="246"/>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="257"/>
        <source>Printed: {where}</source>
        <translation>Wydrukowano: {where}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="262"/>
        <source>void a bill</source>
        <translation>anulować rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/shift_menu.py" line="265"/>
        <source>The bill was voided.</source>
        <translation>Rachunek anulowano.</translation>
    </message>
    <message>
        <source>No printer is set up: receipt {number} was not printed.</source>
        <translation>Nie ustawiono drukarki: paragonu {number} nie wydrukowano.</translation>
    </message>
    <message>
        <source>A duplicate of receipt {number} was printed.</source>
        <translation>Wydrukowano duplikat paragonu {number}.</translation>
    </message>
    <message>
        <source>close the terminal</source>
        <translation>zamknąć terminal</translation>
    </message>
    <message>
        <source>open the cash drawer</source>
        <translation>otworzyć szufladę na pieniądze</translation>
    </message>
    <message>
        <source>Sent to the printer…</source>
        <translation>Wysłano do drukarki…</translation>
    </message>
    <message>
        <source>Printing a duplicate of receipt {number}…</source>
        <translation>Drukowanie duplikatu paragonu {number}…</translation>
    </message>
    <message>
        <source>The cash drawer is opening.</source>
        <translation>Szuflada się otwiera.</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Wydrukowano.</translation>
    </message>
    <message>
        <source>Waiting for the printer: {state}.</source>
        <translation>Czekam na drukarkę: {state}.</translation>
    </message>
    <message>
        <source>Not printed (printer: {state}). Try again once it is ready.</source>
        <translation>Nie wydrukowano (drukarka: {state}). Spróbuj ponownie, gdy będzie gotowa.</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="35"/>
        <source>Staff</source>
        <translation>Personel</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="47"/>
        <source>Who may sign in on this terminal:</source>
        <translation>Kto może logować się na tym terminalu:</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="51"/>
        <source>Deactivate</source>
        <translation>Dezaktywuj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="57"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="64"/>
        <source>New staff member</source>
        <translation>Nowy pracownik</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="70"/>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="71"/>
        <source>PIN (4–8 digits)</source>
        <translation>PIN (4–8 cyfr)</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="74"/>
        <source>Cashier</source>
        <translation>Kasjer</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="74"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="81"/>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="83"/>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="100"/>
        <source>cashier</source>
        <translation>kasjer</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="100"/>
        <source>manager</source>
        <translation>kierownik</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="104"/>
        <source>signed in</source>
        <translation>zalogowany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/staff_dialog.py" line="114"/>
        <source>{name} may now sign in.</source>
        <translation>{name} może się teraz logować.</translation>
    </message>
</context>
<context>
    <name>StartingPage</name>
    <message>
        <location filename="../../pos_terminal/ui/starting_page.py" line="18"/>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/starting_page.py" line="35"/>
        <source>First sync with the CRM: customers, cards and rules</source>
        <translation>Pierwsza synchronizacja z CRM: klienci, karty i reguły</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/starting_page.py" line="40"/>
        <source>{rows} of {total} rows</source>
        <translation>{rows} z {total} wierszy</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/starting_page.py" line="45"/>
        <source>{rows} rows</source>
        <translation>{rows} wierszy</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/starting_page.py" line="47"/>
        <source>about {seconds} s left</source>
        <translation>zostało ok. {seconds} s</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="28"/>
        <source>Bill</source>
        <translation>Rachunek</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="29"/>
        <source>Void</source>
        <translation>Storno</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="30"/>
        <source>Shift opened</source>
        <translation>Otwarcie zmiany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="31"/>
        <source>Shift closed</source>
        <translation>Zamknięcie zmiany</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="32"/>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="33"/>
        <source>New customer</source>
        <translation>Nowy klient</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="34"/>
        <source>Card given</source>
        <translation>Wydanie karty</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="52"/>
        <source>CRM sync</source>
        <translation>Synchronizacja z CRM</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="58"/>
        <source>Refused by the CRM (never sent again by themselves):</source>
        <translation>Odrzucone przez CRM (nie są wysyłane ponownie same):</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="63"/>
        <source>Send again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="66"/>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="69"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="74"/>
        <source>Enrol with a CRM (a code from its owner):</source>
        <translation>Rejestracja w CRM (kod od jego właściciela):</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="80"/>
        <source>Enrolment code</source>
        <translation>Kod rejestracji</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="81"/>
        <source>Enrol</source>
        <translation>Zarejestruj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="101"/>
        <source>No CRM is configured for this terminal.</source>
        <translation>Ta kasa nie ma skonfigurowanego CRM.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="102"/>
        <source>Connecting to the CRM…</source>
        <translation>Łączenie z CRM…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="103"/>
        <source>Synced with the CRM.</source>
        <translation>Zsynchronizowano z CRM.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="105"/>
        <source>The CRM answers, but this terminal is not enrolled.</source>
        <translation>CRM odpowiada, ale ta kasa nie jest zarejestrowana.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="106"/>
        <source>Syncing with the CRM…</source>
        <translation>Synchronizacja z CRM…</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="107"/>
        <source>The CRM cannot be reached: {reason}</source>
        <translation>Brak połączenia z CRM: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="110"/>
        <source>The CRM refuses this terminal: enrol it again.</source>
        <translation>CRM odrzuca tę kasę: zarejestruj ją ponownie.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="114"/>
        <source>{count} ops waiting to be sent.</source>
        <translation>Operacji czekających na wysłanie: {count}.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/sync_dialog.py" line="127"/>
        <source>None.</source>
        <translation>Brak.</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="252"/>
        <source>Name the bill</source>
        <translation>Nazwa rachunku</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="260"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="275"/>
        <source>Voucher</source>
        <translation>Voucher</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/main_window.py" line="281"/>
        <source>Add voucher</source>
        <translation>Dodaj voucher</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="25"/>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="35"/>
        <source>New PIN</source>
        <translation>Nowy PIN</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="28"/>
        <source>{name}, a manager&apos;s PIN now has at least {digits} digits. Choose a new one.</source>
        <translation>{name}, PIN kierownika ma teraz co najmniej {digits} cyfr. Wybierz nowy.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="36"/>
        <source>The same PIN again</source>
        <translation>Ten sam PIN jeszcze raz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="48"/>
        <source>Sign out</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="48"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="70"/>
        <source>Type the same PIN again.</source>
        <translation>Wpisz ten sam PIN jeszcze raz.</translation>
    </message>
    <message>
        <location filename="../../pos_terminal/ui/new_pin_dialog.py" line="74"/>
        <source>The two PINs differ: type the new PIN twice.</source>
        <translation>PIN-y się różnią: wpisz nowy PIN dwa razy.</translation>
    </message>
</context>
<context>
    <name>ChangeDueSheet</name>
    <message>
        <source>Tap to continue</source>
        <translation>Dotknij, aby kontynuować</translation>
    </message>
    <message>
        <source>Change {amount}</source>
        <translation>Reszta {amount}</translation>
    </message>
    <message>
        <source>Receipt {number}: {amount}</source>
        <translation>Paragon {number}: {amount}</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>gotówka</translation>
    </message>
    <message>
        <source>card</source>
        <translation>karta</translation>
    </message>
    <message>
        <source>wallet</source>
        <translation>portfel</translation>
    </message>
    <message>
        <source>{points} points earned</source>
        <translation>Zdobyte punkty: {points}</translation>
    </message>
    <message>
        <source>Printing the receipt…</source>
        <translation>Drukowanie paragonu…</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Paragon wydrukowano.</translation>
    </message>
    <message>
        <source>The receipt waits for the printer: {state}.</source>
        <translation>Paragon czeka na drukarkę: {state}.</translation>
    </message>
    <message>
        <source>The receipt was not printed (printer: {state}). The bill is closed: print it from Menu, Today's bills.</source>
        <translation>Paragon nie został wydrukowany (drukarka: {state}). Rachunek jest zamknięty: wydrukuj go z Menu, Dzisiejsze rachunki.</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabat</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>The limits are saved.</source>
        <translation>Limity zapisano.</translation>
    </message>
    <message>
        <source>The language changes at the next start of the terminal.</source>
        <translation>Język zmieni się przy następnym uruchomieniu terminala.</translation>
    </message>
</context>
<context>
    <name>LineDiscountDialog</name>
    <message>
        <source>Discount on {product}</source>
        <translation>Rabat na {product}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Brak</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>none (PDF)</source>
        <translation>brak (PDF)</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>gotowa</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>kończy się papier</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>brak papieru</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>niedostępna</translation>
    </message>
    <message>
        <source>no permission</source>
        <translation>brak uprawnień</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>Drukarka: {state}</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Printer</source>
        <translation>Drukarka</translation>
    </message>
    <message>
        <source>Found on this computer (tap to choose):</source>
        <translation>Znalezione na tym komputerze (dotknij, by wybrać):</translation>
    </message>
    <message>
        <source>No USB or serial printer found.</source>
        <translation>Nie znaleziono drukarki USB ani szeregowej.</translation>
    </message>
    <message>
        <source>A network printer: tcp: and its address (port 9100 unless :PORT follows). No printer: PDF receipts.</source>
        <translation>Drukarka sieciowa: tcp: i jej adres (port 9100, chyba że po nim :PORT). Bez drukarki: paragony PDF.</translation>
    </message>
    <message>
        <source>Network printer</source>
        <translation>Drukarka sieciowa</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>Bez drukarki</translation>
    </message>
    <message>
        <source>{width} mm paper</source>
        <translation>Papier {width} mm</translation>
    </message>
    <message>
        <source>Cash drawer on the printer</source>
        <translation>Szuflada na pieniądze przy drukarce</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Wydrukuj stronę testową</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
</context>
<context>
    <name>PrinterFlow</name>
    <message>
        <source>Saved: the printer is used from now on.</source>
        <translation>Zapisano: od teraz drukuje ta drukarka.</translation>
    </message>
    <message>
        <source>That printer setting is not valid: {reason}</source>
        <translation>To ustawienie drukarki jest błędne: {reason}</translation>
    </message>
    <message>
        <source>No printer is set: save one first.</source>
        <translation>Nie ustawiono drukarki: najpierw ją zapisz.</translation>
    </message>
    <message>
        <source>A test page was sent to the printer.</source>
        <translation>Strona testowa została wysłana do drukarki.</translation>
    </message>
</context>
<context>
    <name>ReceiptProgress</name>
    <message>
        <source>Receipt {number} printed.</source>
        <translation>Wydrukowano paragon {number}.</translation>
    </message>
    <message>
        <source>Receipt {number} was not printed (printer: {state}). The bill is closed: print it from Menu, Today's bills.</source>
        <translation>Paragon {number} nie został wydrukowany (drukarka: {state}). Rachunek jest zamknięty: wydrukuj go z Menu, Dzisiejsze rachunki.</translation>
    </message>
    <message>
        <source>The cash drawer cannot open yet (printer: {state}).</source>
        <translation>Szuflada nie może się jeszcze otworzyć (drukarka: {state}).</translation>
    </message>
    <message>
        <source>The cash drawer did not open (printer: {state}).</source>
        <translation>Szuflada się nie otworzyła (drukarka: {state}).</translation>
    </message>
</context>
<context>
    <name>FiscalFlow</name>
    <message>
        <source>Registering the fiscal receipt…</source>
        <translation>Rejestrowanie paragonu fiskalnego…</translation>
    </message>
    <message>
        <source>Not paid: the fiscal receipt was not registered. {why}</source>
        <translation>Nie zapłacono: paragon fiskalny nie został zarejestrowany. {why}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Ponów</translation>
    </message>
    <message>
        <source>A manager prints the daily report, then Retry.</source>
        <translation>Kierownik drukuje raport dobowy, potem Ponów.</translation>
    </message>
    <message>
        <source>Print the daily report</source>
        <translation>Drukuj raport dobowy</translation>
    </message>
    <message>
        <source>Keep the bill open</source>
        <translation>Zostaw rachunek otwarty</translation>
    </message>
    <message>
        <source>print the fiscal daily report</source>
        <translation>wydrukować fiskalny raport dobowy</translation>
    </message>
    <message>
        <source>Daily report {number} of {day} printed.</source>
        <translation>Wydrukowano raport dobowy nr {number} z {day}.</translation>
    </message>
    <message>
        <source>The daily report was not printed. {why}</source>
        <translation>Raport dobowy nie został wydrukowany. {why}</translation>
    </message>
    <message>
        <source>Printing the daily report…</source>
        <translation>Drukowanie raportu dobowego…</translation>
    </message>
    <message>
        <source>Print the fiscal printer's daily report: it is due before the first sale of the next day.</source>
        <translation>Wydrukuj raport dobowy drukarki fiskalnej: musi być wydrukowany przed pierwszą sprzedażą następnego dnia.</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>Raport dobowy</translation>
    </message>
    <message>
        <source>The printer may have printed this bill's receipt: press Retry to check before changing the bill.</source>
        <translation>Drukarka mogła już wydrukować paragon tego rachunku: naciśnij Ponów, by to sprawdzić, zanim zmienisz rachunek.</translation>
    </message>
</context>
</TS>
