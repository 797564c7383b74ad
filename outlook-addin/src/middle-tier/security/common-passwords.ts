/**
 * Passwords (and password stems) attackers try first, from the public top lists of leaked passwords, plus French
 * ones and words of this product's own context. Short entries still matter: they catch a long password built from
 * them ("motdepasse2024!", "Azerty123456"), see password-policy.ts. Shipped in the repository on purpose: the
 * bridge never downloads anything to check a password. Lowercase, no accents.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football monkey
letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman 1qaz2wsx 7777777
121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew
tigger sunshine iloveyou charlie robert thomas hockey ranger daniel starwars klaster 112233 george computer michelle
jessica pepper zxcvbn 555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese
amanda summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix
william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888 anthony
justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard samantha bigdog guitar
jackson whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari
samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider nascar monster
tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple hardcore banana junior hannah
123654 porsche lakers iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston
q1w2e3r4 fuckoff brandon yamaha chester mother forever johnny edward 333333 oliver redsox player nikita knight
fender barney midnight please brandy chicago badboy slayer rangers charles angel flower bigdaddy rabbit wizard
bigdick jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r jasmine winter prince panties
marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321 12344321
golden 8675309 panther lauren angela bitch spanky thx1138 angels madison winston shannon mike toyota blowjob jordan23
canada sophie apples dick tiger razz 123abc pokemon qazxsw 55555 qwaszx muffin johnson murphy cooper jonathan liverpoo
david danielle 159357 jackie 1990 123456a 789456 turtle horny abcd1234 scorpion qazwsxedc 101010 butter carlos
password1 password12 password123 passw0rd p@ssw0rd p@ssword qwerty123 qwerty1 qwertz qwertzuiop 1q2w3e4r5t
1q2w3e4r5t6y zaq12wsx zaq1xsw2 asdfghjkl zxcvbnm123 admin administrator root login welcome1 changeme default guest
letmein123 iloveyou1 monkey123 dragon123 abcdef abcdefg abcdefgh abcdefghij 0123456789 9876543210 1111111111
azerty azertyuiop azerty123 azertyui azertyu motdepasse motdepasse1 motdepasse123 mdp soleil bonjour doudou loulou
chouchou marseille jetaime nicolas camille chocolat vacances maison amour coucou bienvenue portugal olivier julien
isabelle nathalie sandrine celine caroline stephanie alexandre francois lucas maxime pierre france paris toulouse
lyon bordeaux nantes lille chouette princesse cheval papillon bisounours poussin minou minouche titou tintin
doudoune marine manon emma louise jeanne antoine sebastien philippe frederic christophe laurent vincent mathilde
secret123 confidentiel famille enfants bebe mamour monamour tresor cherie azerty1234 1234azerty
calendrier calendar agenda equipe equipetech reunion planning invite invitation guest davbridge outlook thunderbird
nextcloud radicale caldav webcal zourit
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
